/**
 * MCP's ports and use cases as a library: the in-ports other tools call, the out-ports they implement (or take
 * from MCP's adapters, such as the fake runtime), and the use cases that join them. Depends on the domain only.
 */
module net.metacircular.mcp.ports {
    requires transitive net.metacircular.mcp.domain;

    exports net.metacircular.mcp.port.in;
    exports net.metacircular.mcp.port.out;
    exports net.metacircular.mcp.application;
}

/**
 * MCP's domain as a library for other Metacircular tools: the model of services, components and their states,
 * the drift table, reconciliation and validation. Pure Java; it requires nothing beyond {@code java.base}.
 */
module net.metacircular.mcp.domain {
    exports net.metacircular.mcp.domain;
}

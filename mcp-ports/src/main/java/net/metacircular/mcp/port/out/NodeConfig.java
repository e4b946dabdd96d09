package net.metacircular.mcp.port.out;

import java.util.List;

/**
 * The operator's list of nodes ({@code [[nodes]]} in {@code mcp.toml}), editable in place: an edit changes only the
 * lines of the node concerned and keeps the operator's comments and layout.
 */
public interface NodeConfig {
    /** The configured nodes, in file order. */
    List<AgentGateway.Node> nodes();

    /** Appends {@code node}; its name must be new. */
    void add(AgentGateway.Node node);

    /** Removes the node called {@code name}; false when there is none. */
    boolean remove(String name);

    /** The file edited, for messages. */
    String location();
}

package net.metacircular.mcp.port.in;

import java.util.List;
import net.metacircular.mcp.port.out.AgentGateway;

/** The operator's node list in {@code mcp.toml}: read, add and remove nodes. */
public interface NodesUseCase {
    /** The configured nodes, in file order. */
    List<AgentGateway.Node> nodes();

    /**
     * Adds a node. A bad name or address, or a name already configured, is an
     * {@link net.metacircular.mcp.domain.InvalidInputException} and changes nothing.
     */
    void add(String name, String address);

    /** Removes a node; an unknown name is a {@link net.metacircular.mcp.domain.NotFoundException}. */
    void remove(String name);

    /** The file edited, for messages. */
    String location();
}

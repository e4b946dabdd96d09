package net.metacircular.mcp.port.out;

import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;

/**
 * The CLI's way to one node's agent. Domain errors the agent reports come back as the domain's exceptions;
 * an agent that cannot be reached is an {@link AgentUnavailableException}.
 */
public interface AgentGateway {
    /** Deploys {@code spec}, or only {@code component} of it when given. */
    List<ComponentResult> deploy(Node node, ServiceSpec spec, Optional<String> component, boolean force);

    /** The registry as stored. */
    List<ServiceRecord> listServices(Node node);

    /** Services with freshly observed state. */
    List<ServiceRecord> liveCheck(Node node);

    /** States, drift and recent events; of one service when given. */
    StatusReport status(Node node, Optional<String> service);

    /** What the node reports about itself. */
    NodeInfo nodeStatus(Node node);

    /** Stops, starts or restarts every component of {@code service}; one result per component. */
    List<ComponentResult> lifecycle(Node node, net.metacircular.mcp.domain.LifecycleAction action, String service);

    /** Pushes every service definition that targets the node (SyncDesiredState); one result per service. */
    List<net.metacircular.mcp.domain.ServiceSyncResult> sync(Node node, List<ServiceSpec> services);

    /** Adopts the containers named {@code service} and {@code service-*}; one result per matching container. */
    List<net.metacircular.mcp.domain.AdoptResult> adopt(Node node, String service);

    /** Writes {@code content} at {@code path} below {@code service}'s directory on the node; mode 0 is the agent's default. */
    void pushFile(Node node, String service, String path, byte[] content, int mode);

    /** Reads the file at {@code path} below {@code service}'s directory on the node, with its mode. */
    net.metacircular.mcp.domain.FileContent pullFile(Node node, String service, String path);

    /**
     * A node the CLI knows from its configuration.
     *
     * @param name    node name, as used in service definitions
     * @param address the agent's {@code host:port}
     */
    record Node(String name, String address) {
    }
}

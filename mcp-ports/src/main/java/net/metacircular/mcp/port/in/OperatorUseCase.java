package net.metacircular.mcp.port.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.out.AgentGateway;

/** What the operator's CLI asks of the fleet: deploy a service, and read every node's registry and live state. */
public interface OperatorUseCase {
    /**
     * Deploys {@code target} ({@code svc} or {@code svc/comp}) from {@code file} when given, else from the services
     * directory, else from the spec in the registry of the node that holds the service. An invalid definition
     * throws {@link net.metacircular.mcp.domain.InvalidInputException}; a service or component that cannot be
     * resolved throws {@link net.metacircular.mcp.domain.NotFoundException}; in both cases no agent is asked to deploy.
     */
    DeployOutcome deploy(String target, Optional<Path> file, boolean force);

    /** Every configured node's registry as stored, without asking the runtimes. */
    Fleet<List<ServiceRecord>> list();

    /** Every configured node's services with freshly observed state. */
    Fleet<List<ServiceRecord>> ps();

    /** Every configured node's states, drift and recent events; of one service when given. */
    Fleet<StatusReport> status(Optional<String> service);

    /** The configured nodes, in configured order. */
    List<AgentGateway.Node> nodes();

    /** What every configured node reports about itself, asked concurrently with the per-node deadline. */
    Fleet<net.metacircular.mcp.domain.NodeInfo> nodeStatus();

    /**
     * Pushes {@code content} to {@code path} below {@code service}'s directory on the service's node (from its
     * definition file, else the node whose registry holds it), with {@code mode} or the agent's default (0600 under
     * {@code certs/}, else 0644) when empty. Name, path, size and mode are checked before anything is sent.
     * Returns the node written to.
     */
    String pushFile(String service, String path, byte[] content, java.util.OptionalInt mode);

    /** Pulls the file at {@code path} below {@code service}'s directory from the service's node. */
    NodeAnswer<net.metacircular.mcp.domain.FileContent> pullFile(String service, String path);

    /**
     * What one deploy did.
     *
     * @param node    the node that deployed it
     * @param service the service deployed
     * @param source  where the spec came from: a file path, or {@code registry of node <name>}
     * @param results one result per deployed component
     */
    record DeployOutcome(String node, String service, String source, List<ComponentResult> results) {
        public DeployOutcome {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(service, "'service' must not be null");
            Objects.requireNonNull(source, "'source' must not be null");
            results = List.copyOf(results);
        }

        /** True when every component succeeded. */
        public boolean succeeded() {
            return results.stream().allMatch(ComponentResult::success);
        }
    }

    /**
     * A read fanned out to every configured node: the answers of the nodes that answered, in configured node
     * order, and one error per node that did not.
     *
     * @param answers per-node data, in configured node order
     * @param errors  per-node failures, in configured node order
     * @param <T>     what each node answered
     */
    record Fleet<T>(List<NodeAnswer<T>> answers, List<NodeError> errors) {
        public Fleet {
            answers = List.copyOf(answers);
            errors = List.copyOf(errors);
        }

        /** True when some node did not answer. */
        public boolean partial() {
            return !errors.isEmpty();
        }
    }

    /**
     * One node's answer.
     *
     * @param node node name
     * @param data what it answered
     * @param <T>  the answer's type
     */
    record NodeAnswer<T>(String node, T data) {
        public NodeAnswer {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(data, "'data' must not be null");
        }
    }

    /**
     * A node that did not answer.
     *
     * @param node    node name
     * @param address the agent's configured address
     * @param error   why, in the words of the failure
     */
    record NodeError(String node, String address, String error) {
        public NodeError {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(address, "'address' must not be null");
            Objects.requireNonNull(error, "'error' must not be null");
        }
    }
}

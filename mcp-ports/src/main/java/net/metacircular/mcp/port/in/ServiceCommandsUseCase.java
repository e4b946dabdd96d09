package net.metacircular.mcp.port.in;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;

/**
 * The operator's service commands: stop, start and restart, sync, adopt, and show, export and edit a service's
 * definition. Each command goes to the node named in the service's definition file, or, for a service without one,
 * to the node whose registry holds it.
 */
public interface ServiceCommandsUseCase {
    /**
     * Stops, starts or restarts {@code service}. Stop and start first set {@code active} in the service's definition
     * file when it has one (only that line changes), then tell the agent.
     */
    LifecycleOutcome lifecycle(LifecycleAction action, String service);

    /**
     * Pushes every definition in the services directory to the node it names; a configured node that no definition
     * names gets an empty push, which only discovers its containers. An invalid definition, or one naming a node that
     * is not configured, throws {@link net.metacircular.mcp.domain.InvalidInputException} before any node is asked.
     */
    Fleet<List<ServiceSyncResult>> sync();

    /** Adopts {@code service}'s containers on {@code node}, or on the only node that has matching containers. */
    AdoptOutcome adopt(String service, Optional<String> node);

    /** The spec the registry of the node holding {@code service} records, with that node. */
    ServiceDefinition show(String service);

    /** Writes {@link #show} as TOML to {@code file}, else to the services directory, atomically; returns the path. */
    Path export(String service, Optional<Path> file);

    /**
     * Lets the operator edit {@code service}'s definition in their editor: a private draft starts from the file, or
     * from {@link #show} when there is none; after the editor exits, a valid draft replaces the file atomically.
     * An invalid draft saves nothing and throws {@link net.metacircular.mcp.domain.InvalidInputException} naming every
     * problem and where the draft was kept.
     */
    Path edit(String service);

    /**
     * What a lifecycle command did.
     *
     * @param node    the node asked
     * @param service the service
     * @param file    the definition file whose {@code active} line was set, when there was one
     * @param results one result per component
     */
    record LifecycleOutcome(String node, String service, Optional<Path> file, List<ComponentResult> results) {
        public LifecycleOutcome {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(service, "'service' must not be null");
            Objects.requireNonNull(file, "'file' must not be null");
            results = List.copyOf(results);
        }

        /** True when every component succeeded. */
        public boolean succeeded() {
            return results.stream().allMatch(ComponentResult::success);
        }
    }

    /**
     * What an adoption did.
     *
     * @param node    the node asked
     * @param service the service
     * @param results one result per matching container
     */
    record AdoptOutcome(String node, String service, List<AdoptResult> results) {
        public AdoptOutcome {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(service, "'service' must not be null");
            results = List.copyOf(results);
        }

        /** True when no container failed. */
        public boolean succeeded() {
            return results.stream().allMatch(AdoptResult::success);
        }
    }
}

package net.metacircular.mcp.application;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.McpException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeAnswer;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeError;
import net.metacircular.mcp.port.in.ServiceCommandsUseCase;
import net.metacircular.mcp.port.out.AgentGateway;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.port.out.DefinitionStore;
import net.metacircular.mcp.port.out.EditorLauncher;

/**
 * The CLI's service commands. A command goes to the node its definition file names, or, for a service without a
 * file, to the node whose registry holds it (found through the fleet read of {@link OperatorUseCase#list()}).
 * <p>
 * {@code stop} and {@code start} edit the file before asking the agent: the file is the operator's source of truth,
 * so it records the intent first. If the agent then cannot be reached, the file is ahead of the node and the next
 * {@code stop}, {@code start} or {@code sync} converges the node to it; the other order could leave a stopped node
 * behind a file that still says {@code active = true}, and the next {@code sync} would silently start it again.
 */
public final class ServiceCommands implements ServiceCommandsUseCase {
    private final OperatorUseCase fleet;
    private final AgentGateway gateway;
    private final DefinitionStore definitions;
    private final EditorLauncher editor;

    /**
     * @param fleet       the fleet reads, to find the node that holds a service
     * @param gateway     the way to the agents
     * @param definitions the operator's service definition files
     * @param editor      the operator's editor
     */
    public ServiceCommands(OperatorUseCase fleet, AgentGateway gateway, DefinitionStore definitions, EditorLauncher editor) {
        this.fleet = Objects.requireNonNull(fleet, "'fleet' must not be null");
        this.gateway = Objects.requireNonNull(gateway, "'gateway' must not be null");
        this.definitions = Objects.requireNonNull(definitions, "'definitions' must not be null");
        this.editor = Objects.requireNonNull(editor, "'editor' must not be null");
    }

    @Override
    public LifecycleOutcome lifecycle(LifecycleAction action, String service) {
        Objects.requireNonNull(action, "'action' must not be null");
        Names.require("service", service);
        Optional<ServiceDefinition> local = definitions.find(service);
        Node node = local.isPresent() ? configured(local.get().node(), "definition of " + service) : holder(service).node();
        Optional<Path> file = action.active().flatMap(active -> definitions.setActive(service, active));
        List<ComponentResult> results = gateway.lifecycle(node, action, service);
        return new LifecycleOutcome(node.name(), service, file, results);
    }

    @Override
    public Fleet<List<ServiceSyncResult>> sync() {
        List<ServiceDefinition> all = definitions.all();
        List<Problem> problems = new ArrayList<>();
        Map<String, List<ServiceSpec>> byNode = new LinkedHashMap<>();
        fleet.nodes().forEach(n -> byNode.put(n.name(), new ArrayList<>()));
        for (ServiceDefinition def : all) {
            List<ServiceSpec> specs = byNode.get(def.node());
            if (specs == null) {
                problems.add(new Problem(def.spec().name() + ".toml: node", "\"" + Text.quoteSafe(def.node())
                        + "\" is not a configured node; configured nodes: " + nodeNames()));
            } else {
                specs.add(def.spec());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<NodeAnswer<List<ServiceSyncResult>>> answers = new ArrayList<>();
        List<NodeError> errors = new ArrayList<>();
        for (Node n : fleet.nodes()) {
            try {
                answers.add(new NodeAnswer<>(n.name(), gateway.sync(n, byNode.get(n.name()))));
            } catch (AgentUnavailableException | McpException e) {
                errors.add(new NodeError(n.name(), n.address(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return new Fleet<>(answers, errors);
    }

    @Override
    public AdoptOutcome adopt(String service, Optional<String> node) {
        Names.require("service", service);
        Objects.requireNonNull(node, "'node' must not be null");
        Node target;
        if (node.isPresent()) {
            target = configured(node.get(), "--node");
        } else {
            Optional<ServiceDefinition> local = definitions.find(service);
            target = local.isPresent() ? configured(local.get().node(), "definition of " + service) : adoptionNode(service);
        }
        return new AdoptOutcome(target.name(), service, gateway.adopt(target, service));
    }

    @Override
    public ServiceDefinition show(String service) {
        Names.require("service", service);
        Optional<ServiceDefinition> local = definitions.find(service);
        if (local.isPresent()) {
            Node node = configured(local.get().node(), "definition of " + service);
            ServiceRecord record = gateway.listServices(node).stream()
                    .filter(s -> s.name().equals(service) && !s.ignored()).findFirst()
                    .orElseThrow(() -> new NotFoundException("service " + service + " is not in the registry of node "
                            + node.name() + " (named in its definition); deploy or adopt it first"));
            return new ServiceDefinition(node.name(), record.spec());
        }
        Holder h = holder(service);
        return new ServiceDefinition(h.node().name(), h.record().spec());
    }

    @Override
    public Path export(String service, Optional<Path> file) {
        Objects.requireNonNull(file, "'file' must not be null");
        return definitions.write(show(service), file);
    }

    @Override
    public Path edit(String service) {
        Names.require("service", service);
        Path draft = definitions.draft(service, () -> show(service));
        int exit = editor.edit(draft);
        if (exit != 0) {
            throw new PreconditionException("the editor (" + editor.describe() + ") exited with " + exit
                    + "; nothing was saved; your text is kept in " + draft);
        }
        try {
            return definitions.commit(service, draft);
        } catch (InvalidInputException e) {
            List<Problem> problems = new ArrayList<>(e.problems());
            problems.add(new Problem("", "nothing was saved; your text is kept in " + draft
                    + " (fix it and run mcp service edit again, or copy it into place)"));
            throw new InvalidInputException(problems);
        }
    }

    private record Holder(Node node, ServiceRecord record) {
    }

    /** The one node whose registry holds {@code service} as a managed service. */
    private Holder holder(String service) {
        Fleet<List<ServiceRecord>> read = fleet.list();
        List<Holder> holders = new ArrayList<>();
        for (NodeAnswer<List<ServiceRecord>> a : read.answers()) {
            a.data().stream().filter(s -> s.name().equals(service) && !s.ignored()).findFirst()
                    .ifPresent(s -> holders.add(new Holder(configured(a.node(), "fleet"), s)));
        }
        if (holders.size() > 1) {
            throw new PreconditionException("service " + service + " is in the registries of nodes "
                    + holders.stream().map(h -> h.node().name()).collect(Collectors.joining(", "))
                    + "; write a definition file naming its node");
        }
        if (holders.isEmpty()) {
            throw new NotFoundException("service " + service + " has no definition file and is in the registry of no node"
                    + unreachable(read) + "; deploy it, or adopt its containers with mcp adopt " + service);
        }
        return holders.getFirst();
    }

    /** The node to adopt on: the one holding the service or containers that match it, else the only node. */
    private Node adoptionNode(String service) {
        Fleet<List<ServiceRecord>> read = fleet.list();
        List<Node> candidates = new ArrayList<>();
        for (NodeAnswer<List<ServiceRecord>> a : read.answers()) {
            boolean matches = a.data().stream().anyMatch(s -> s.name().equals(service)
                    || s.components().stream().anyMatch(c -> Names.componentOf(service, c.containerName()).isPresent()));
            if (matches) {
                candidates.add(configured(a.node(), "fleet"));
            }
        }
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        if (candidates.isEmpty() && fleet.nodes().size() == 1 && read.errors().isEmpty()) {
            return fleet.nodes().getFirst();
        }
        if (candidates.isEmpty()) {
            throw new NotFoundException("no node's registry knows a container named " + service + " or " + service
                    + "-*" + unreachable(read) + "; run mcp sync to discover containers, or name the node with --node");
        }
        throw new PreconditionException("containers matching " + service + " are on nodes "
                + candidates.stream().map(Node::name).collect(Collectors.joining(", ")) + "; name one with --node");
    }

    private static String unreachable(Fleet<?> read) {
        return read.errors().isEmpty() ? "" : " (not asked: " + read.errors().stream()
                .map(e -> e.node() + ": " + e.error()).collect(Collectors.joining("; ")) + ")";
    }

    private Node configured(String name, String where) {
        return fleet.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException(where + ": node \"" + Text.quoteSafe(name)
                        + "\" is not a configured node; configured nodes: " + nodeNames()
                        + " (add it under [[nodes]] in mcp.toml)"));
    }

    private String nodeNames() {
        List<Node> nodes = fleet.nodes();
        return nodes.isEmpty() ? "(none)" : nodes.stream().map(Node::name).collect(Collectors.joining(", "));
    }
}

package net.metacircular.mcp.application;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Durations;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.McpException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.out.AgentGateway;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.port.out.DefinitionStore;

/**
 * The CLI's use cases: resolves a deploy's spec (file, services directory, then agent registry) and fans reads out
 * to every configured node at once, so one unreachable node costs at most the per-node deadline and never hides
 * the answers of the others.
 */
public final class Operator implements OperatorUseCase {
    private static final System.Logger LOG = System.getLogger(Operator.class.getName());

    private final AgentGateway gateway;
    private final DefinitionStore definitions;
    private final List<Node> nodes;
    private final Duration perNodeDeadline;
    private final String servicesDir;

    /**
     * @param gateway         the way to the agents
     * @param definitions     the operator's service definition files
     * @param nodes           the configured nodes, in the order they are reported
     * @param perNodeDeadline how long a read waits for each node
     */
    public Operator(AgentGateway gateway, DefinitionStore definitions, List<Node> nodes, Duration perNodeDeadline) {
        this(gateway, definitions, nodes, perNodeDeadline, "<services dir>");
    }

    /**
     * @param gateway         the way to the agents
     * @param definitions     the operator's service definition files
     * @param nodes           the configured nodes, in the order they are reported
     * @param perNodeDeadline how long a read waits for each node
     * @param servicesDir     the services directory as the operator should read it in messages
     */
    public Operator(AgentGateway gateway, DefinitionStore definitions, List<Node> nodes, Duration perNodeDeadline,
                    String servicesDir) {
        this.gateway = Objects.requireNonNull(gateway, "'gateway' must not be null");
        this.definitions = Objects.requireNonNull(definitions, "'definitions' must not be null");
        this.nodes = List.copyOf(Objects.requireNonNull(nodes, "'nodes' must not be null"));
        this.perNodeDeadline = Objects.requireNonNull(perNodeDeadline, "'perNodeDeadline' must not be null");
        this.servicesDir = Objects.requireNonNull(servicesDir, "'servicesDir' must not be null");
        if (perNodeDeadline.isNegative() || perNodeDeadline.isZero()) {
            throw new IllegalArgumentException("'perNodeDeadline' must be positive, was " + perNodeDeadline);
        }
        Set<String> names = new HashSet<>();
        for (Node n : this.nodes) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("node \"" + n.name() + "\" is configured twice");
            }
        }
    }

    @Override
    public DeployOutcome deploy(String target, Optional<Path> file, boolean force) {
        Objects.requireNonNull(target, "'target' must not be null");
        Objects.requireNonNull(file, "'file' must not be null");
        Target t = Target.parse(target);
        Resolved resolved = resolve(t.service(), file);
        ServiceSpec spec = resolved.spec();
        // The agent checks this too; checking here keeps a typo from reaching any node at all.
        if (t.component().isPresent() && spec.component(t.component().get()).isEmpty()) {
            throw new NotFoundException("service " + spec.name() + " has no component \"" + t.component().get()
                    + "\" (in " + resolved.source() + "); its components are "
                    + spec.components().stream().map(ComponentSpec::name).collect(Collectors.joining(", ")));
        }
        LOG.log(System.Logger.Level.DEBUG, "deploying {0} to node {1} from {2}", target, resolved.node().name(), resolved.source());
        return new DeployOutcome(resolved.node().name(), spec.name(), resolved.source(),
                gateway.deploy(resolved.node(), spec, t.component(), force));
    }

    @Override
    public Fleet<List<ServiceRecord>> list() {
        return fanOut(gateway::listServices);
    }

    @Override
    public Fleet<List<ServiceRecord>> ps() {
        return fanOut(gateway::liveCheck);
    }

    @Override
    public Fleet<StatusReport> status(Optional<String> service) {
        Objects.requireNonNull(service, "'service' must not be null");
        service.ifPresent(s -> Names.require("service", s));
        if (service.isEmpty()) {
            return fanOut(n -> gateway.status(n, Optional.empty()));
        }
        // Only the node that holds the service knows it; the others' "not found" is not an error of the fleet.
        Fleet<Optional<StatusReport>> asked = fanOut(n -> {
            try {
                return Optional.of(gateway.status(n, service));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
        List<NodeAnswer<StatusReport>> found = asked.answers().stream()
                .filter(a -> a.data().isPresent())
                .map(a -> new NodeAnswer<>(a.node(), a.data().get()))
                .toList();
        if (found.isEmpty() && asked.errors().isEmpty()) {
            throw new NotFoundException("service " + service.get() + " is in the registry of no node (asked "
                    + nodeNames() + ")");
        }
        return new Fleet<>(found, asked.errors());
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public Fleet<net.metacircular.mcp.domain.NodeInfo> nodeStatus() {
        return fanOut(gateway::nodeStatus);
    }

    @Override
    public String pushFile(String service, String path, byte[] content, java.util.OptionalInt mode) {
        Objects.requireNonNull(content, "'content' must not be null");
        Objects.requireNonNull(mode, "'mode' must not be null");
        List<net.metacircular.mcp.domain.Problem> problems =
                new ArrayList<>(net.metacircular.mcp.domain.ServiceFilePath.problems(service, path));
        net.metacircular.mcp.domain.FileContent.tooLarge(content.length)
                .ifPresent(p -> problems.add(new net.metacircular.mcp.domain.Problem("file", p)));
        mode.ifPresent(m -> net.metacircular.mcp.domain.FileContent.modeProblem(m)
                .or(() -> m == 0 ? Optional.of("mode 0000 is not accepted (0 on the wire asks for the default)")
                        : Optional.empty())
                .ifPresent(p -> problems.add(new net.metacircular.mcp.domain.Problem("mode", p))));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Node node = resolve(service, Optional.empty()).node();
        gateway.pushFile(node, service, path, content, mode.orElse(0));
        return node.name();
    }

    @Override
    public NodeAnswer<net.metacircular.mcp.domain.FileContent> pullFile(String service, String path) {
        net.metacircular.mcp.domain.ServiceFilePath.parse(service, path);
        Node node = resolve(service, Optional.empty()).node();
        return new NodeAnswer<>(node.name(), gateway.pullFile(node, service, path));
    }

    private record Target(String service, Optional<String> component) {
        static Target parse(String target) {
            String[] parts = target.split("/", -1);
            if (parts.length > 2) {
                throw new InvalidInputException("service", "\"" + Text.quoteSafe(target)
                        + "\" is not <service> or <service>/<component>");
            }
            String service = Names.require("service", parts[0]);
            Optional<String> component = parts.length == 2
                    ? Optional.of(Names.require("component", parts[1])) : Optional.empty();
            return new Target(service, component);
        }
    }

    private record Resolved(Node node, ServiceSpec spec, String source) {
    }

    private Resolved resolve(String service, Optional<Path> file) {
        if (file.isPresent()) {
            return fromDefinition(service, definitions.read(file.get()), file.get().toString());
        }
        Optional<ServiceDefinition> local = definitions.find(service);
        if (local.isPresent()) {
            return fromDefinition(service, local.get(), servicesDir + "/" + service + ".toml");
        }
        return fromRegistry(service);
    }

    private Resolved fromDefinition(String service, ServiceDefinition def, String source) {
        if (!def.spec().name().equals(service)) {
            throw new InvalidInputException(source + ": name", "\"" + Text.quoteSafe(def.spec().name())
                    + "\" is not the service \"" + service + "\" named on the command line");
        }
        Node node = nodes.stream().filter(n -> n.name().equals(def.node())).findFirst()
                .orElseThrow(() -> new NotFoundException(source + ": node \"" + Text.quoteSafe(def.node())
                        + "\" is not a configured node; configured nodes: " + nodeNames()
                        + " (add it under [[nodes]] in mcp.toml)"));
        return new Resolved(node, def.spec(), source);
    }

    private Resolved fromRegistry(String service) {
        Fleet<List<ServiceRecord>> fleet = list();
        List<Resolved> holders = new ArrayList<>();
        for (NodeAnswer<List<ServiceRecord>> answer : fleet.answers()) {
            for (ServiceRecord record : answer.data()) {
                // A service of ignored containers was discovered, not deployed: it has no spec worth pushing.
                if (record.name().equals(service) && !record.ignored()) {
                    Node node = nodes.stream().filter(n -> n.name().equals(answer.node())).findFirst().orElseThrow();
                    holders.add(new Resolved(node, record.spec(), "registry of node " + node.name()));
                }
            }
        }
        if (holders.size() > 1) {
            throw new PreconditionException("service " + service + " is in the registries of nodes "
                    + holders.stream().map(h -> h.node().name()).collect(Collectors.joining(", "))
                    + "; deploy it from a definition file naming its node");
        }
        if (holders.size() == 1) {
            return holders.getFirst();
        }
        StringBuilder m = new StringBuilder();
        m.append("no definition of service ").append(service).append(" in ").append(servicesDir)
                .append(" and no node's registry has it");
        for (NodeError e : fleet.errors()) {
            m.append("\n(node ").append(e.node()).append(" could not be asked: ").append(e.error()).append(')');
        }
        String exampleNode = nodes.isEmpty() ? "<node>" : nodes.getFirst().name();
        m.append("\ncreate ").append(servicesDir).append('/').append(service).append(".toml, for example:\n\n")
                .append("name = \"").append(service).append("\"\n")
                .append("node = \"").append(exampleNode).append("\"\n\n")
                .append("[[components]]\n")
                .append("name = \"").append(service).append("\"\n")
                .append("image = \"registry.example.net/").append(service).append(":v1.0.0\"\n\n")
                .append("or deploy from another file with -f FILE");
        throw new NotFoundException(m.toString());
    }

    private String nodeNames() {
        return nodes.isEmpty() ? "(none)" : nodes.stream().map(Node::name).collect(Collectors.joining(", "));
    }

    private <T> Fleet<T> fanOut(Function<Node, T> call) {
        List<NodeAnswer<T>> answers = new ArrayList<>();
        List<NodeError> errors = new ArrayList<>();
        // Not try-with-resources: close() would wait for a node that ignores interruption, defeating the deadline.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<T>> futures = nodes.stream().map(n -> executor.submit(() -> call.apply(n))).toList();
            long deadline = System.nanoTime() + perNodeDeadline.toNanos();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                Future<T> future = futures.get(i);
                try {
                    T data = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    answers.add(new NodeAnswer<>(node.name(), data));
                } catch (TimeoutException e) {
                    future.cancel(true);
                    errors.add(new NodeError(node.name(), node.address(),
                            "no answer within " + Durations.format(perNodeDeadline)));
                } catch (ExecutionException e) {
                    errors.add(new NodeError(node.name(), node.address(), describe(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    errors.add(new NodeError(node.name(), node.address(), "interrupted while waiting"));
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return new Fleet<>(answers, errors);
    }

    private static String describe(Throwable t) {
        if (!(t instanceof AgentUnavailableException) && !(t instanceof McpException)) {
            LOG.log(System.Logger.Level.WARNING, "unexpected failure asking a node", t);
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}

package net.metacircular.mcp.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeAnswer;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeError;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp node list}: every configured node with what it reports about itself, asked live. */
@Command(name = "list", description = "List the configured nodes with their live status.",
        footer = {"",
                "Every node is asked at once, each within its deadline; a node that does not",
                "answer is shown as unreachable, its error goes to stderr, and the exit code is 3.",
                "",
                "Examples:", "  mcp node list", "  mcp node list --json"})
final class NodeListCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Option(names = "--json", description = "Print one JSON object: {nodes:[...], errors:[...]}.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    NodeListCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        OperatorUseCase operator = context.operator();
        Fleet<NodeInfo> fleet = operator.nodeStatus();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(operator, fleet));
        } else {
            out.print(table(operator, fleet, context.clock().instant()).render(context.terminal()));
            FleetView.errors(fleet.errors(), spec.commandLine().getErr());
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return fleet.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private static Optional<NodeInfo> info(Fleet<NodeInfo> fleet, String node) {
        return fleet.answers().stream().filter(a -> a.node().equals(node)).map(NodeAnswer::data).findFirst();
    }

    static Table table(OperatorUseCase operator, Fleet<NodeInfo> fleet, Instant now) {
        Table t = new Table(java.util.List.of("NODE", "ADDRESS", "RUNTIME", "AGENT", "SERVICES", "COMPONENTS",
                "DISK FREE", "MEMORY FREE", "CPU", "UP SINCE"), 1);
        for (Node n : operator.nodes()) {
            Optional<NodeInfo> i = info(fleet, n.name());
            if (i.isEmpty()) {
                t.row(Table.Cell.of(n.name()), Table.Cell.of(n.address()), new Table.Cell("unreachable", Table.Tint.RED),
                        Table.Cell.of("-"), Table.Cell.of("-"), Table.Cell.of("-"), Table.Cell.of("-"),
                        Table.Cell.of("-"), Table.Cell.of("-"), Table.Cell.of("-"));
                continue;
            }
            NodeInfo s = i.get();
            t.row(Table.Cell.of(n.name()), Table.Cell.of(n.address()),
                    new Table.Cell(s.runtime() + " " + s.runtimeVersion(), Table.Tint.GREEN),
                    Table.Cell.of(s.agentVersion()), Table.Cell.of(Integer.toString(s.serviceCount())),
                    Table.Cell.of(Integer.toString(s.componentCount())),
                    Table.Cell.of(bytes(s.diskFreeBytes()) + "/" + bytes(s.diskTotalBytes())),
                    Table.Cell.of(bytes(s.memoryFreeBytes()) + "/" + bytes(s.memoryTotalBytes())),
                    Table.Cell.of(String.format(Locale.ROOT, "%.1f%%", s.cpuUsagePercent())),
                    Table.Cell.of(FleetView.rfc3339(s.upSince().truncatedTo(ChronoUnit.SECONDS)) + " ("
                            + FleetView.uptime(Duration.between(s.upSince(), now)) + ")"));
        }
        return t;
    }

    /** Bytes in binary units with one decimal: {@code 512B}, {@code 1.5K}, {@code 12.0G}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String units = "KMGTPE";
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%c", v, units.charAt(u));
    }

    private static String json(OperatorUseCase operator, Fleet<NodeInfo> fleet) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : operator.nodes()) {
            Optional<NodeInfo> i = info(fleet, n.name());
            if (i.isEmpty()) {
                continue;
            }
            NodeInfo s = i.get();
            nodes.addObject().put("node", n.name()).put("address", n.address()).put("runtime", s.runtime())
                    .put("runtime_version", s.runtimeVersion()).put("agent_version", s.agentVersion())
                    .put("service_count", s.serviceCount()).put("component_count", s.componentCount())
                    .put("disk_total_bytes", s.diskTotalBytes()).put("disk_free_bytes", s.diskFreeBytes())
                    .put("memory_total_bytes", s.memoryTotalBytes()).put("memory_free_bytes", s.memoryFreeBytes())
                    .put("cpu_usage_percent", s.cpuUsagePercent()).put("up_since", FleetView.rfc3339(s.upSince()));
        }
        ArrayNode errors = root.putArray("errors");
        for (NodeError e : fleet.errors()) {
            errors.addObject().put("node", e.node()).put("address", e.address()).put("error", e.error());
        }
        return root.toString();
    }
}

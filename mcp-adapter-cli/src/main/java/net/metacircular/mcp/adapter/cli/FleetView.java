package net.metacircular.mcp.adapter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeAnswer;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeError;

/**
 * Renders fleet reads for people (aligned tables) and for programs ({@code --json}, one object whose keys may be
 * added to but never renamed).
 */
final class FleetView {
    /** What the last column of the component table shows. */
    enum TimeColumn { STARTED, UPTIME }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGE_COLUMN = 3;

    private FleetView() {
    }

    // ---- tables

    static String components(List<NodeAnswer<List<ServiceRecord>>> answers, TimeColumn time, TerminalInfo terminal, Instant now) {
        Table t = new Table(List.of("NODE", "SERVICE", "COMPONENT", "IMAGE", "VERSION", "DESIRED", "OBSERVED", time.name()),
                IMAGE_COLUMN);
        for (NodeAnswer<List<ServiceRecord>> a : answers) {
            for (ServiceRecord s : a.data()) {
                for (ComponentRecord c : s.components()) {
                    t.row(Table.Cell.of(a.node()), Table.Cell.of(s.name()), Table.Cell.of(c.name()),
                            Table.Cell.of(c.spec().image()), Table.Cell.of(dash(c.version())),
                            Table.Cell.of(c.desired().wire()), new Table.Cell(c.observed().wire(), tint(c)),
                            Table.Cell.of(time == TimeColumn.STARTED ? started(c) : uptime(c, now)));
                }
            }
        }
        return t.render(terminal);
    }

    static String status(List<NodeAnswer<StatusReport>> answers, TerminalInfo terminal, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(components(answers.stream().map(a -> new NodeAnswer<>(a.node(), a.data().services())).toList(),
                TimeColumn.UPTIME, terminal, now));
        Table drift = new Table(List.of("NODE", "SERVICE", "COMPONENT", "DESIRED", "OBSERVED", "REASON"), -1);
        Table events = new Table(List.of("TIME", "NODE", "SERVICE", "COMPONENT", "PREV", "NEW"), -1);
        for (NodeAnswer<StatusReport> a : answers) {
            for (ComponentRecord c : a.data().drift()) {
                drift.row(Table.Cell.of(a.node()), Table.Cell.of(c.service()), Table.Cell.of(c.name()),
                        Table.Cell.of(c.desired().wire()), new Table.Cell(c.observed().wire(), Table.Tint.RED),
                        Table.Cell.of(c.drift().orElse("")));
            }
            for (Event e : a.data().events()) {
                events.row(rfc3339(e.at()), a.node(), e.service(), e.component(), e.prev().wire(), e.next().wire());
            }
        }
        out.append("\nDRIFT\n").append(drift.isEmpty() ? "none\n" : drift.render(terminal));
        out.append("\nEVENTS\n").append(events.isEmpty() ? "none\n" : events.render(terminal));
        return out.toString();
    }

    /** One line per node that did not answer, for stderr. */
    static void errors(List<NodeError> errors, PrintWriter err) {
        for (NodeError e : errors) {
            // The gateway's messages already say which node; do not say it twice.
            String text = Table.printable(e.error());
            err.println(text.startsWith("node " + e.node() + " ") ? text : "node " + e.node() + " (" + e.address() + "): " + text);
        }
    }

    private static Table.Tint tint(ComponentRecord c) {
        if (c.drift().isPresent()) {
            return Table.Tint.RED;
        }
        return c.observed() == ObservedState.RUNNING ? Table.Tint.GREEN : Table.Tint.NONE;
    }

    private static String started(ComponentRecord c) {
        return c.startedAt().map(i -> rfc3339(i.truncatedTo(ChronoUnit.SECONDS))).orElse("-");
    }

    private static String uptime(ComponentRecord c, Instant now) {
        if (c.observed() != ObservedState.RUNNING || c.startedAt().isEmpty()) {
            return "-";
        }
        return uptime(Duration.between(c.startedAt().get(), now));
    }

    /** The two largest units of {@code d}: {@code 3d4h}, {@code 2h13m}, {@code 5m20s}, {@code 42s}. */
    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d" + hours + "h";
        }
        if (hours > 0) {
            return hours + "h" + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds + "s";
        }
        return seconds + "s";
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    static String rfc3339(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i);
    }

    // ---- JSON

    static String json(Fleet<List<ServiceRecord>> fleet) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode components = root.putArray("components");
        for (NodeAnswer<List<ServiceRecord>> a : fleet.answers()) {
            addComponents(components, a.node(), a.data());
        }
        addErrors(root, fleet.errors());
        return write(root);
    }

    static String statusJson(Fleet<StatusReport> fleet) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode components = root.putArray("components");
        for (NodeAnswer<StatusReport> a : fleet.answers()) {
            addComponents(components, a.node(), a.data().services());
        }
        addErrors(root, fleet.errors());
        ArrayNode drift = root.putArray("drift");
        ArrayNode events = root.putArray("events");
        for (NodeAnswer<StatusReport> a : fleet.answers()) {
            for (ComponentRecord c : a.data().drift()) {
                drift.addObject().put("node", a.node()).put("service", c.service()).put("component", c.name())
                        .put("desired_state", c.desired().wire()).put("observed_state", c.observed().wire());
            }
            for (Event e : a.data().events()) {
                events.addObject().put("node", a.node()).put("service", e.service()).put("component", e.component())
                        .put("prev_state", e.prev().wire()).put("new_state", e.next().wire())
                        .put("timestamp", rfc3339(e.at()));
            }
        }
        return write(root);
    }

    private static void addComponents(ArrayNode out, String node, List<ServiceRecord> services) {
        for (ServiceRecord s : services) {
            for (ComponentRecord c : s.components()) {
                ObjectNode row = out.addObject().put("node", node).put("service", s.name()).put("component", c.name())
                        .put("image", c.spec().image()).put("version", c.version())
                        .put("desired_state", c.desired().wire()).put("observed_state", c.observed().wire());
                if (c.startedAt().isPresent()) {
                    row.put("started", rfc3339(c.startedAt().get()));
                } else {
                    row.putNull("started");
                }
            }
        }
    }

    private static void addErrors(ObjectNode root, List<NodeError> errors) {
        ArrayNode out = root.putArray("errors");
        for (NodeError e : errors) {
            out.addObject().put("node", e.node()).put("error", e.error());
        }
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

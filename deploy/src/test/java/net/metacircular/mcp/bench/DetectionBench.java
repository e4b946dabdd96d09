package net.metacircular.mcp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.metacircular.mcp.e2e.AgentNode;
import net.metacircular.mcp.e2e.Operator;
import net.metacircular.mcp.e2e.Proc;

/**
 * P3: from {@code podman kill} of a managed container to (a) its drift event in the agent's registry and (b) the
 * alert command starting, with {@code interval = 60s} so only the event path can be that quick. The components are
 * killed in rotation and restarted by hand between kills; cooldown and flap detection are set out of the way so
 * every kill alerts.
 */
final class DetectionBench {
    private static final int COMPONENTS = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionBench() {
    }

    static List<Row> run(BenchEnv env, int kills) throws Exception {
        Path alerts = env.dir.resolve("p3-alerts.log");
        Files.writeString(alerts, "");
        Path script = env.dir.resolve("p3-alert.sh");
        // date runs first: the line's time is when the alert command started
        Files.writeString(script, "#!/bin/sh\necho \"$(date +%s%N) $MCP_ALERT_TYPE $MCP_SERVICE $MCP_COMPONENT\" >> '"
                + alerts + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentNode node = env.agent("p3").withMonitor("""
                interval = "60s"
                alert_command = ["%s"]
                cooldown = "1s"
                flap_threshold = 1000
                flap_window = "1s"
                """.formatted(script)).start();
        Operator op = env.operator("p3", List.of(node));
        String service = BenchEnv.PREFIX + "detect";
        StringBuilder toml = new StringBuilder("name = \"%s\"\nnode = \"%s\"\n".formatted(service, node.name));
        for (int c = 0; c < COMPONENTS; c++) {
            toml.append("\n[[components]]\nname = \"c%d\"\nimage = \"%s\"\nrestart = \"no\"\ncmd = %s\n"
                    .formatted(c, BenchEnv.image(), BenchEnv.SLEEPER_CMD));
        }
        op.writeService(service, toml.toString());
        op.mcp("deploy", service).assertOk();
        List<Double> toEvent = new ArrayList<>();
        List<Double> toAlert = new ArrayList<>();
        List<Double> killCall = new ArrayList<>();
        List<Instant> killStarts = new ArrayList<>();
        List<Instant> events = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        Instant first = Instant.now();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + node.dir.resolve("mcp.db"))) {
            for (int k = 0; k < kills; k++) {
                String component = "c" + (k % COMPONENTS);
                String container = service + "-" + component;
                long lastId = maxEventId(db);
                Instant t0 = Instant.now();
                BenchEnv.podman("kill", container).assertOk();
                killCall.add(Duration.between(t0, Instant.now()).toNanos() / 1e6);
                Instant event = await(() -> eventSince(db, service, component, lastId, "exited"), "drift event of " + container);
                Instant alert = await(() -> alertSince(alerts, t0, service, component), "drift alert for " + container);
                killStarts.add(t0);
                events.add(event);
                killed.add(container);
                toEvent.add(Duration.between(t0, event).toNanos() / 1e6);
                toAlert.add(Duration.between(t0, alert).toNanos() / 1e6);
                long afterKill = maxEventId(db);
                BenchEnv.podman("start", container).assertOk();
                await(() -> eventSince(db, service, component, afterKill, "running"), "running event of " + container);
                BenchEnv.sleep(Duration.ofMillis(150));
            }
        } finally {
            node.stop();
        }
        Stats e = Stats.of(toEvent);
        Stats a = Stats.of(toAlert);
        Stats kc = Stats.of(killCall);
        List<Double> eventAfter = new ArrayList<>();
        List<Double> alertAfter = new ArrayList<>();
        for (int i = 0; i < toEvent.size(); i++) {
            eventAfter.add(toEvent.get(i) - killCall.get(i));
            alertAfter.add(toAlert.get(i) - killCall.get(i));
        }
        Stats ea = Stats.of(eventAfter);
        Stats aa = Stats.of(alertAfter);
        // Where the time goes: podman's own `died` event says when each container actually died.
        List<Double> toDeath = new ArrayList<>();
        List<Double> deathToEvent = new ArrayList<>();
        List<Optional<Instant>> deaths = deaths(first, killed, killStarts);
        for (int i = 0; i < deaths.size(); i++) {
            if (deaths.get(i).isPresent()) {
                Instant death = deaths.get(i).get();
                toDeath.add(Duration.between(killStarts.get(i), death).toNanos() / 1e6);
                deathToEvent.add(Duration.between(death, events.get(i)).toNanos() / 1e6);
            }
        }
        Stats kd = Stats.of(toDeath.isEmpty() ? List.of(Double.NaN) : toDeath);
        Stats de = Stats.of(deathToEvent.isEmpty() ? List.of(Double.NaN) : deathToEvent);
        String note = "from the start of `podman kill`, whose own run takes " + kc.ms() + "; from its return: p50 "
                + Format.ms(ea.median()) + ", p99 " + Format.ms(ea.percentile(99)) + ". Split at podman's `died` event: "
                + "kill start → death (podman's share) p50 " + Format.ms(kd.median()) + ", p99 " + Format.ms(kd.percentile(99))
                + "; death → event in the registry (MCP's share) p50 " + Format.ms(de.median()) + ", p99 "
                + Format.ms(de.percentile(99)) + " (max " + Format.ms(de.max()) + "), over the " + toDeath.size()
                + " kills whose death podman logged; n=" + kills;
        return List.of(
                Row.of("P3a", "detection: kill → drift event in the registry, p50 / p99 (max)",
                        Format.ms(e.median()) + " / " + Format.ms(e.percentile(99)) + " (" + Format.ms(e.max()) + ")",
                        "–", "–", "p99 ≤ 1 s", e.percentile(99) <= 1000, note),
                Row.of("P3b", "detection: kill → alert command started, p50 / p99 (max)",
                        Format.ms(a.median()) + " / " + Format.ms(a.percentile(99)) + " (" + Format.ms(a.max()) + ")",
                        "–", "–", "p99 ≤ 1 s", a.percentile(99) <= 1000, "interval = 60s, so the event path; from the kill's "
                                + "return: p50 " + Format.ms(aa.median()) + ", p99 " + Format.ms(aa.percentile(99))));
    }

    /**
     * The time of each kill's {@code died} event, from podman's own event log: for kill {@code i}, the first death
     * of {@code containers[i]} at or after {@code starts[i]}; empty where podman's log has none (the split then leaves
     * that kill out and says how many it used).
     */
    private static List<Optional<Instant>> deaths(Instant since, List<String> containers, List<Instant> starts)
            throws Exception {
        // podman 4.3 returns nothing for `--until 0s` (or an absolute "now"); "until a second ago" works, so wait
        // that second out first
        BenchEnv.sleep(Duration.ofMillis(1500));
        Proc.Result r = BenchEnv.podman("events", "--since", since.minusSeconds(1).toString(), "--until", "1s",
                "--filter", "event=died", "--format", "json").assertOk();
        List<Map.Entry<String, Instant>> died = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                JsonNode e = JSON.readTree(line);
                died.add(Map.entry(e.path("Name").asText(), Instant.parse(e.path("Time").asText())));
            }
        }
        List<Optional<Instant>> out = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String name = containers.get(i);
            Instant start = starts.get(i);
            out.add(died.stream().filter(d -> d.getKey().equals(name) && !d.getValue().isBefore(start))
                    .map(Map.Entry::getValue).min(Instant::compareTo));
        }
        return out;
    }

    private static long maxEventId(Connection db) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM events");
             ResultSet rs = s.executeQuery()) {
            return rs.getLong(1);
        }
    }

    private static Optional<Instant> eventSince(Connection db, String service, String component, long afterId, String state)
            throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT timestamp FROM events WHERE id > ? AND service = ? "
                + "AND component = ? AND new_state = ? ORDER BY id LIMIT 1")) {
            s.setLong(1, afterId);
            s.setString(2, service);
            s.setString(3, component);
            s.setString(4, state);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static Optional<Instant> alertSince(Path alerts, Instant t0, String service, String component) throws Exception {
        for (String line : Files.readAllLines(alerts)) {
            String[] f = line.split(" ");
            if (f.length == 4 && f[1].equals("drift") && f[2].equals(service) && f[3].equals(component)) {
                long nanos = Long.parseLong(f[0]);
                Instant at = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
                if (!at.isBefore(t0)) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    interface Probe {
        Optional<Instant> get() throws Exception;
    }

    static Instant await(Probe probe, String what) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Instant> got = probe.get();
            if (got.isPresent()) {
                return got.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            Thread.sleep(10);
        }
    }
}

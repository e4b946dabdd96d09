package net.metacircular.mcp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.e2e.AgentNode;

/**
 * P4: an idle agent's resident memory and CPU over a window, with many containers on the node, the default
 * interval and the event stream on; read from /proc for the agent's JVM and, separately, for its long-running
 * {@code podman events} child and the podman calls it waited for.
 */
final class FootprintBench {
    private static final double TICKS = 100.0; // USER_HZ on Linux
    /** How long the agent runs before the window opens: its start-up and first iterations are not idle. */
    static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration SAMPLE = Duration.ofSeconds(5);

    private FootprintBench() {
    }

    /** One reading of a process: resident set in bytes and CPU ticks (own, and of waited-for children). */
    record Reading(long rssBytes, long ownTicks, long childTicks) {
        static Optional<Reading> of(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // the command name may hold spaces: fields are counted after its closing parenthesis
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                long rss = 0;
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
                return Optional.of(new Reading(rss, own, children));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    static List<Row> run(BenchEnv env, int containers, Duration window) throws Exception {
        AgentNode node = env.agent("p4").start();
        try {
            BenchEnv.sleep(SETTLE);
            long pid = node.pid();
            Optional<ProcessHandle> eventsChild = ProcessHandle.of(pid).orElseThrow().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("events")).findFirst();
            Reading start = Reading.of(pid).orElseThrow();
            Optional<Reading> evStart = eventsChild.flatMap(p -> Reading.of(p.pid()));
            Instant from = Instant.now();
            long maxRss = start.rssBytes();
            long maxEvRss = evStart.map(Reading::rssBytes).orElse(0L);
            Instant until = from.plus(window);
            while (Instant.now().isBefore(until)) {
                BenchEnv.sleep(SAMPLE);
                maxRss = Math.max(maxRss, Reading.of(pid).orElseThrow().rssBytes());
                maxEvRss = Math.max(maxEvRss, eventsChild.flatMap(p -> Reading.of(p.pid())).map(Reading::rssBytes).orElse(0L));
            }
            Reading end = Reading.of(pid).orElseThrow();
            Optional<Reading> evEnd = eventsChild.flatMap(p -> Reading.of(p.pid()));
            double seconds = Duration.between(from, Instant.now()).toNanos() / 1e9;
            double jvmCpu = (end.ownTicks() - start.ownTicks()) / TICKS / seconds * 100;
            double childCpu = (end.childTicks() - start.childTicks()) / TICKS / seconds * 100;
            double evCpu = evStart.isPresent() && evEnd.isPresent()
                    ? (evEnd.get().ownTicks() - evStart.get().ownTicks()) / TICKS / seconds * 100 : Double.NaN;
            long events = containerEvents(from);
            String window_ = Format.ms(seconds * 1000);
            return List.of(
                    Row.of("P4a", "idle agent RSS (JVM), " + containers + " containers, window " + window_,
                            Format.mb(end.rssBytes()) + " (max " + Format.mb(maxRss) + ")", "–", "–", "≤ 100 MB",
                            maxRss <= 100L * 1024 * 1024,
                            "its `podman events` child: " + Format.mb(maxEvRss) + " (Go runtime; not counted in the JVM's figure)"),
                    Row.of("P4b", "idle agent CPU, share of one core over the window",
                            Format.pct(jvmCpu) + " JVM + " + Format.pct(childCpu) + " podman calls", "–", "–", "≤ 0.5 %",
                            jvmCpu + childCpu <= 0.5,
                            "`podman events` child " + Format.pct(evCpu) + "; " + events
                                    + " container events in the store during the window (the other metrics' and any other"
                                    + " user's, none of them this agent's: its monitor drops them unread)"));
        } finally {
            node.stop();
        }
    }

    /** How many container events podman logged since {@code from} (each wakes the monitor for a full listing). */
    private static long containerEvents(Instant from) {
        // podman 4.3 finds nothing with epoch seconds or with --until; --since in RFC 3339 works, and this runs right
        // after the window, so the few events after `to` are counted too
        return BenchEnv.podman("events", "--since", from.truncatedTo(ChronoUnit.SECONDS).toString(), "--stream=false",
                "--filter", "type=container", "--format", "{{.Status}}")
                .out().lines().filter(l -> !l.isBlank()).count();
    }
}

package net.metacircular.mcp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.metacircular.mcp.adapter.grpc.GrpcAgentGateway;
import net.metacircular.mcp.adapter.sqlite.SqliteRegistry;
import net.metacircular.mcp.e2e.AgentNode;
import net.metacircular.mcp.e2e.Operator;
import net.metacircular.mcp.port.out.AgentGateway;

/**
 * P6: {@code mcp status} with a large event log ÷ with a small one, and one retention prune of the large log while
 * RPCs run. Events are written straight into the stopped agent's SQLite file, all within one second of each other,
 * so that a retention chosen for it makes the whole log expire at one known moment.
 */
final class RegistryScaleBench {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int SMALL = 1000;
    private static final Duration PRUNE_DELAY = Duration.ofSeconds(20);

    private RegistryScaleBench() {
    }

    static List<Row> run(BenchEnv env, int large, int runs) throws Exception {
        AgentNode node = env.agent("p6");
        Path db = node.dir.resolve("mcp.db");
        node.start();
        node.stop();
        Instant base = Instant.now().minus(Duration.ofMinutes(50));
        insertEvents(db, 0, SMALL, base);
        Operator op = env.operator("p6", List.of(node));
        AgentGateway.Node target = new AgentGateway.Node(node.name, node.address());
        List<Row> rows = new ArrayList<>();
        try (GrpcAgentGateway gateway = GrpcAgentGateway.overTls(Optional.of(env.pki.caCert), () -> env.token, Duration.ofSeconds(60))) {
            node.start();
            Timings small = timings(op, gateway, target, runs);
            node.stop();
            BenchEnv.log("P6: writing {0} events", large - SMALL);
            insertEvents(db, SMALL, large, base);
            node.start();
            Timings big = timings(op, gateway, target, runs);
            node.stop();
            Stats cli = Stats.ratios(big.cli, small.cli);
            Stats rpc = Stats.ratios(big.rpc, small.rpc);
            rows.add(Row.of("P6a", "`mcp status`: " + count(large) + " events ÷ " + count(SMALL), Stats.of(big.cli).ms(),
                    Stats.of(small.cli).ms(), cli.ratio(), "≤ 1.5", cli.median() <= 1.5,
                    "Status RPC alone: " + Stats.of(big.rpc).ms() + " ÷ " + Stats.of(small.rpc).ms() + " = " + rpc.ratio()
                            + "; n=" + runs));

            // the prune itself, timed in this process on a copy through the agent's own registry code
            Path copy = env.dir.resolve("p6-copy.db");
            Files.copy(db, copy);
            double pruneMs;
            try (SqliteRegistry r = SqliteRegistry.open(copy, Duration.ofSeconds(5))) {
                long t = System.nanoTime();
                int pruned = r.pruneEvents(base.plusSeconds(2));
                pruneMs = (System.nanoTime() - t) / 1e6;
                BenchEnv.log("P6: pruned {0} events in {1} ms in-process", pruned, (long) pruneMs);
            }
            Files.deleteIfExists(copy);
            Files.deleteIfExists(Path.of(copy + "-wal"));
            Files.deleteIfExists(Path.of(copy + "-shm"));

            // the same prune inside the agent, at a known moment, while RPCs run one after another
            Instant start = Instant.now();
            long retention = Duration.between(base, start.plus(PRUNE_DELAY)).toSeconds();
            String monitor = "interval = \"5s\"\nretention = \"" + retention + "s\"\n";
            long startNanos = System.nanoTime();
            node.withMonitor(monitor).start();
            Latencies l = hammer(gateway, target, db, base, startNanos);
            node.stop();
            rows.add(Row.of("P6b", "retention prune of " + count(large) + " events: worst RPC latency while it runs",
                    "ListServices " + Format.ms(l.listDuring.max()) + ", Status " + Format.ms(l.statusDuring.max()),
                    "before it: " + Format.ms(l.listBefore.max()) + ", " + Format.ms(l.statusBefore.max()), "–",
                    "no RPC > 100 ms", l.listDuring.max() <= 100,
                    "worst of calls started from the moment the log can expire until it is gone, next to the worst of "
                            + "the 15 s before (after 5 s of warm-up); the prune itself took " + Format.ms(pruneMs)
                            + " (timed in-process on a copy, through the agent's own registry code); Status runs `podman ps -a` too; n="
                            + l.listDuring.count() + "+" + l.statusDuring.count()));
        }
        return rows;
    }

    private record Timings(List<Double> cli, List<Double> rpc) {
    }

    private static Timings timings(Operator op, GrpcAgentGateway gateway, AgentGateway.Node target, int runs) {
        op.mcp("status").assertOk();
        gateway.status(target, Optional.empty());
        List<Double> cli = new ArrayList<>();
        List<Double> rpc = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            cli.add(BenchEnv.time(() -> op.mcp("status")));
            long t = System.nanoTime();
            gateway.status(target, Optional.empty());
            rpc.add((System.nanoTime() - t) / 1e6);
        }
        return new Timings(cli, rpc);
    }

    private record Latencies(Stats listBefore, Stats statusBefore, Stats listDuring, Stats statusDuring) {
    }

    /** One call: when it started (ns since the agent's start) and how long it took (ms). */
    private record Call(long startedNs, double ms) {
    }

    /**
     * Calls ListServices and Status back to back, each on its own thread, until the log is empty and a little after;
     * splits the calls into those started before the log could expire and those started while it may be pruned.
     */
    private static Latencies hammer(GrpcAgentGateway gateway, AgentGateway.Node target, Path db, Instant base, long agentStart)
            throws Exception {
        List<Call> list = new ArrayList<>();
        List<Call> status = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t1 = Thread.ofPlatform().start(loop(stop, () -> gateway.listServices(target), agentStart, list::add));
        Thread t2 = Thread.ofPlatform().start(loop(stop, () -> gateway.status(target, Optional.empty()), agentStart, status::add));
        long gone;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // only the written events: the agent's own (a transition of one of the node's containers) never expire here
            Instant written = base.plusSeconds(2);
            if (!hasEvents(c, written)) {
                throw new AssertionError("the event log was pruned before the RPCs started");
            }
            // the prune pauses between its batches (SqliteRegistry.PRUNE_PAUSE_MAX): a million rows take a minute or two
            long until = System.nanoTime() + PRUNE_DELAY.plusSeconds(300).toNanos();
            while (hasEvents(c, written)) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("the agent did not prune its event log");
                }
                Thread.sleep(50);
            }
            gone = System.nanoTime() - agentStart;
        }
        Thread.sleep(1000);
        stop.set(true);
        t1.join();
        t2.join();
        // join() makes each loop's samples visible here
        long warm = Duration.ofSeconds(5).toNanos();
        long expiry = PRUNE_DELAY.toNanos();
        return new Latencies(window(list, warm, expiry), window(status, warm, expiry),
                window(list, expiry, gone), window(status, expiry, gone));
    }

    private static Stats window(List<Call> calls, long fromNs, long toNs) {
        List<Double> ms = calls.stream().filter(c -> c.startedNs() >= fromNs && c.startedNs() < toNs).map(Call::ms).toList();
        return Stats.of(ms.isEmpty() ? List.of(Double.NaN) : ms);
    }

    private static Runnable loop(AtomicBoolean stop, Runnable call, long origin, Consumer<Call> sink) {
        return () -> {
            while (!stop.get()) {
                long t = System.nanoTime();
                call.run();
                sink.accept(new Call(t - origin, (System.nanoTime() - t) / 1e6));
            }
        };
    }

    /** Whether any event stamped before {@code before} is left. */
    private static boolean hasEvents(Connection c, Instant before) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM events WHERE timestamp < ?)")) {
            s.setString(1, TS.format(before));
            try (ResultSet rs = s.executeQuery()) {
                return rs.getInt(1) == 1;
            }
        }
    }

    /** Appends events {@code from}..{@code to}-1 for 100 services, all stamped within one second after {@code base}. */
    static void insertEvents(Path db, int from, int to, Instant base) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO events (service, component, prev_state, new_state, timestamp) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = from; i < to; i++) {
                    s.setString(1, "bench-scale-" + (i % 100));
                    s.setString(2, "api");
                    s.setString(3, i % 2 == 0 ? "running" : "exited");
                    s.setString(4, i % 2 == 0 ? "exited" : "running");
                    s.setString(5, TS.format(base.plusMillis(i % 1000)));
                    s.addBatch();
                    if (i % 10_000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    private static String count(int n) {
        return n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : String.valueOf(n);
    }
}

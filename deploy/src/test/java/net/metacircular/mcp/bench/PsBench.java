package net.metacircular.mcp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.metacircular.mcp.e2e.Operator;

/**
 * P2: {@code mcp ps --json} with many containers on the node ÷ {@code podman ps -a --format json}; and
 * {@code mcp ps} against five agents in parallel ÷ against one. Both sides alternate.
 */
final class PsBench {
    private PsBench() {
    }

    /** P2a: {@code containers} bench containers must already run; {@code op} names one agent. */
    static Row listing(Operator op, int containers, int runs) {
        op.mcp("ps", "--json").assertOk();
        BenchEnv.podman("ps", "-a", "--format", "json").assertOk();
        List<Double> mcp = new ArrayList<>();
        List<Double> podman = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                podman.add(BenchEnv.timedPodman("ps", "-a", "--format", "json"));
                mcp.add(BenchEnv.time(() -> op.mcp("ps", "--json")));
            } else {
                mcp.add(BenchEnv.time(() -> op.mcp("ps", "--json")));
                podman.add(BenchEnv.timedPodman("ps", "-a", "--format", "json"));
            }
        }
        int listed = BenchEnv.podman("ps", "-a", "--format", "{{.Names}}").assertOk().out().lines().toList().size();
        Stats r = Stats.ratios(mcp, podman);
        return Row.of("P2a", "`mcp ps --json` ÷ `podman ps -a --format json`, " + containers + " bench containers",
                Stats.of(mcp).ms(), Stats.of(podman).ms(), r.ratio(), "≤ 1.5", r.median() <= 1.5,
                listed + " containers in the store during the run; n=" + runs);
    }

    /** P2b: {@code five} names five agents, {@code one} the first of them. */
    static Row fanOut(Operator five, Operator one, int runs) {
        five.mcp("ps", "--json").assertOk();
        one.mcp("ps", "--json").assertOk();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                b.add(BenchEnv.time(() -> one.mcp("ps", "--json")));
                a.add(BenchEnv.time(() -> five.mcp("ps", "--json")));
            } else {
                a.add(BenchEnv.time(() -> five.mcp("ps", "--json")));
                b.add(BenchEnv.time(() -> one.mcp("ps", "--json")));
            }
        }
        int listed = BenchEnv.podman("ps", "-a", "--format", "{{.Names}}").assertOk().out().lines().toList().size();
        Stats r = Stats.ratios(a, b);
        return Row.of("P2b", "`mcp ps --json`: 5 agents in parallel ÷ 1 agent", Stats.of(a).ms(), Stats.of(b).ms(),
                r.ratio(), "≤ 1.5", r.median() <= 1.5,
                "all agents share one podman store (" + listed + " containers), so each lists every container; n=" + runs);
    }

    /** Starts {@code count} sleeping containers named {@code bench-idle-NNN}, a few podman calls at a time. */
    static void startContainers(int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "%sidle-%03d".formatted(BenchEnv.PREFIX, i);
                done.add(pool.submit(() -> {
                    List<String> argv = new ArrayList<>(List.of("run", "-d", "--name=" + name, "--restart=no", BenchEnv.image()));
                    argv.addAll(BenchEnv.SLEEPER_ARGV);
                    BenchEnv.podman(argv.toArray(String[]::new)).assertOk();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }
}

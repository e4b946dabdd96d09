package net.metacircular.mcp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.metacircular.mcp.adapter.grpc.GrpcAgentGateway;
import net.metacircular.mcp.e2e.AgentNode;
import net.metacircular.mcp.port.out.AgentGateway;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * P7: the auth interceptor's overhead with a warm cache (JMH, {@link InterceptorBenchmark}), and the MCIAS calls per
 * token while a steady RPC load runs against a real agent over TLS with a few tokens in rotation.
 */
final class AuthBench {
    private static final int TOKENS = 4;

    private AuthBench() {
    }

    static Row interceptor(int iterations) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(InterceptorBenchmark.class.getName() + "\\.")
                .forks(1).warmupIterations(iterations).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-XX:+UseSerialGC", "-Xmx96m", "-Xss512k")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build()).run();
        Map<String, Statistics> by = new java.util.HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            by.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics());
        }
        Statistics with = by.get("intercepted");
        Statistics bare = by.get("bare");
        double overheadUs = with.getPercentile(50) - bare.getPercentile(50);
        return Row.of("P7a", "auth interceptor overhead per RPC, warm cache (JMH, µs/call)",
                Format.num(with.getPercentile(50)) + " µs [" + Format.num(with.getMin()) + "–" + Format.num(with.getMax()) + "]",
                Format.num(bare.getPercentile(50)) + " µs [" + Format.num(bare.getMin()) + "–" + Format.num(bare.getMax()) + "]",
                "+" + Format.num(overheadUs) + " µs", "≤ 1 ms", overheadUs <= 1000,
                "median of " + iterations + " 1-s iterations, one fork (-XX:+UseSerialGC -Xmx96m); audit line formatted, "
                        + "written to a null stream");
    }

    static Row mciasCalls(BenchEnv env, AgentNode node, int rate, Duration duration) throws Exception {
        List<GrpcAgentGateway> gateways = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            String token = env.mcias.issue("bench-" + i, List.of("admin"), 3600);
            gateways.add(GrpcAgentGateway.overTls(Optional.of(env.pki.caCert), () -> token, Duration.ofSeconds(30)));
        }
        AgentGateway.Node target = new AgentGateway.Node(node.name, node.address());
        try {
            long before = env.mcias.validations();
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong failures = new AtomicLong();
            long calls = (long) rate * duration.toSeconds();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long i = 0; i < calls; i++) {
                    long due = start + i * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    GrpcAgentGateway g = gateways.get((int) (i % TOKENS));
                    pool.submit(() -> {
                        long t = System.nanoTime();
                        try {
                            g.listServices(target);
                            latencies.add((System.nanoTime() - t) / 1e6);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long validations = env.mcias.validations() - before;
            // every 30-s cache window that the run starts needs one validation per token, and the calls still queued
            // at the end stretch the run past its nominal length: count the windows the real run started
            double windows = Math.ceil(Math.max(seconds, duration.toSeconds()) / 30.0);
            double perToken = validations / (double) TOKENS / windows;
            Stats lat = Stats.of(new ArrayList<>(latencies));
            return Row.of("P7b", "MCIAS validations per token per 30-s window at " + rate + " RPC/s for " + Format.ms(duration.toMillis()),
                    Format.num(perToken), "–", "–", "≤ 1", perToken <= 1.0,
                    validations + " validations for " + TOKENS + " tokens over " + Format.ms(seconds * 1000) + "; achieved " + Format.num(latencies.size() / seconds)
                            + " RPC/s, " + failures.get() + " failed; ListServices latency p50 " + Format.ms(lat.median())
                            + ", p99 " + Format.ms(lat.percentile(99)));
        } finally {
            gateways.forEach(GrpcAgentGateway::close);
        }
    }
}

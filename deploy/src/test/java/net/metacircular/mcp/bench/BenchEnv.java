package net.metacircular.mcp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.metacircular.mcp.e2e.AgentNode;
import net.metacircular.mcp.e2e.Mcias;
import net.metacircular.mcp.e2e.Operator;
import net.metacircular.mcp.e2e.Pki;
import net.metacircular.mcp.e2e.Proc;
import net.metacircular.mcp.e2e.Testbed;

/**
 * What every metric shares: a work directory, a throw-away CA, the dev MCIAS, an admin token, and the agents and
 * containers the metrics start, all removed by {@link #close}. Containers are named {@code bench-…}.
 */
final class BenchEnv implements AutoCloseable {
    static final String PREFIX = "bench-";
    /** A container command that exits on SIGTERM at once and forks nothing while it waits. */
    static final String SLEEPER_CMD = "[\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 1000000 & wait\"]";
    static final List<String> SLEEPER_ARGV = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 1000000 & wait");
    private static final System.Logger LOG = System.getLogger("mcp.bench");

    final Path dir;
    final Pki pki;
    final Mcias mcias;
    final String token;
    private final List<AgentNode> agents = new ArrayList<>();
    private int nodes;

    private BenchEnv(Path dir, Pki pki, Mcias mcias, String token) {
        this.dir = dir;
        this.pki = pki;
        this.mcias = mcias;
        this.token = token;
    }

    static BenchEnv create() throws Exception {
        Path dir = Files.createTempDirectory("mcp-bench-");
        Pki pki = Pki.create(dir.resolve("pki"));
        Mcias mcias = Mcias.start(pki, dir);
        return new BenchEnv(dir, pki, mcias, mcias.issue("admin", List.of("admin"), 24 * 3600));
    }

    /** A new agent (not started) on real podman, with its own directory; {@code name} must be unique. */
    synchronized AgentNode agent(String name) throws IOException {
        AgentNode a = new AgentNode(name, dir.resolve("node-" + name + "-" + (++nodes)), pki, mcias, "podman");
        agents.add(a);
        return a;
    }

    /** An operator workstation naming {@code nodes}, holding the admin token. */
    Operator operator(String name, List<AgentNode> nodes) throws IOException {
        Operator op = new Operator(dir.resolve("op-" + name), pki, mcias, nodes);
        op.token = token;
        return op;
    }

    /** Stops every agent this environment started. */
    synchronized void stopAgents() throws InterruptedException {
        for (AgentNode a : agents) {
            a.stop();
        }
    }

    static Proc.Result podman(String... args) {
        return Operator.podman(args);
    }

    /** Runs {@code podman} with {@code args} and returns its wall time in milliseconds; fails when it fails. */
    static double timedPodman(String... args) {
        long t = System.nanoTime();
        podman(args).assertOk();
        return (System.nanoTime() - t) / 1e6;
    }

    /** The wall time of {@code action} in milliseconds. */
    static double time(Supplier<Proc.Result> action) {
        long t = System.nanoTime();
        action.get().assertOk();
        return (System.nanoTime() - t) / 1e6;
    }

    /** Removes every container whose name starts with {@code prefix}, in one podman call. */
    static void removeContainers(String prefix) {
        String names = podman("ps", "-a", "--format", "{{.Names}}").assertOk().out();
        List<String> mine = names.lines().filter(n -> n.startsWith(prefix)).toList();
        if (!mine.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
            argv.addAll(mine);
            podman(argv.toArray(String[]::new));
        }
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static void log(String format, Object... args) {
        LOG.log(System.Logger.Level.INFO, format, args);
    }

    static String image() {
        return Testbed.imageV1();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        for (AgentNode a : agents) {
            try {
                a.stop(); // SIGTERM first, so a flight recording asked for in MCP_AGENT_JAVA_OPTS is written
            } catch (AssertionError e) {
                log("agent {0} did not stop: {1}", a.name, e.getMessage());
            }
            a.close();
        }
        removeContainers(PREFIX);
        mcias.close();
    }
}

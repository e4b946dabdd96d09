package net.metacircular.mcp.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One node: an mcp-agent started through its real launcher, with its own data root, database and TLS certificate. */
public final class AgentNode implements AutoCloseable {
    public final String name;
    public final Path dir;
    public final Path config;
    public final Path log;
    public final int port;
    private final Map<String, String> env;
    private Process process;

    public AgentNode(String name, Path dir, Pki pki, Mcias mcias, String runtime) throws IOException {
        this.name = name;
        this.dir = dir;
        Files.createDirectories(dir.resolve("srv"));
        Files.createDirectories(dir.resolve("certs"));
        this.port = freePort();
        Pki.Server cert = pki.server("agent-" + name, "127.0.0.1", "localhost");
        this.config = dir.resolve("mcp-agent.toml");
        this.log = dir.resolve("agent.log");
        Files.writeString(config, """
                [server]
                grpc_addr = "127.0.0.1:%d"
                tls_cert = "%s"
                tls_key = "%s"

                [database]
                path = "%s"

                [mcias]
                server_url = "%s"
                ca_cert = "%s"
                service_name = "mcp-agent"

                [agent]
                node_name = "%s"
                container_runtime = "%s"
                srv_dir = "%s"

                [monitor]
                interval = "60s"

                [log]
                level = "info"
                """.formatted(port, cert.cert(), cert.key(), dir.resolve("mcp.db"), mcias.url(), pki.caCert, name, runtime,
                dir.resolve("srv")));
        this.env = new HashMap<>(Testbed.podmanEnv());
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Replaces the {@code [monitor]} section's body (before {@link #start}), e.g. an interval and an alert command. */
    public AgentNode withMonitor(String monitorToml) throws IOException {
        String text = Files.readString(config);
        int at = text.indexOf("[monitor]\n");
        int end = text.indexOf("\n[", at + 1);
        Files.writeString(config, text.substring(0, at) + "[monitor]\n" + monitorToml.strip() + "\n" + text.substring(end));
        return this;
    }

    /** Adds lines to the {@code [agent]} section (before {@link #start}), e.g. {@code podman_binary} or {@code fake_scenario}. */
    AgentNode withAgentKeys(String agentToml) throws IOException {
        String text = Files.readString(config);
        int at = text.indexOf("[agent]\n") + "[agent]\n".length();
        Files.writeString(config, text.substring(0, at) + agentToml.strip() + "\n" + text.substring(at));
        return this;
    }

    /** Sends SIGKILL to the agent's JVM (the launcher execs java) and waits until it is gone; {@link #start} may follow. */
    void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("mcp-agent " + name + " survived SIGKILL for 10 s");
        }
        process = null;
    }

    /** Adds a variable to the agent's environment (before {@link #start}), e.g. a PATH with a broken podman first. */
    public AgentNode withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    public AgentNode start() throws Exception {
        return start(Testbed.launcher("mcp-agent"));
    }

    /** Starts the agent through {@code launcher}, for example one from another build. */
    public AgentNode start(Path launcher) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "server", "--config", config.toString()));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("mcp-agent " + name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("mcp-agent " + name + " did not listen within 30 s:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Sends SIGTERM and waits for the agent to exit; returns its exit code. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mcp-agent " + name + " did not exit within 30 s of SIGTERM");
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    /** The agent JVM's process id (the launcher execs java), for reading its footprint from /proc. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("mcp-agent " + name + " is not running");
        }
        return process.pid();
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

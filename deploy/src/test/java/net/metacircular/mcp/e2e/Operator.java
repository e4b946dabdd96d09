package net.metacircular.mcp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The operator's workstation: an mcp.toml naming the nodes, a services directory, and the real mcp launcher. */
public final class Operator {
    public final Path dir;
    public final Path config;
    public final Path services;
    public String token;

    public Operator(Path dir, Pki pki, Mcias mcias, List<AgentNode> nodes) throws IOException {
        this.dir = dir;
        this.services = dir.resolve("services");
        Files.createDirectories(services);
        this.config = dir.resolve("mcp.toml");
        StringBuilder toml = new StringBuilder("""
                [services]
                dir = "%s"

                [mcias]
                server_url = "%s"
                ca_cert = "%s"
                service_name = "mcp"

                [auth]
                token_path = "%s"

                [tls]
                ca_cert = "%s"
                """.formatted(services, mcias.url(), pki.caCert, dir.resolve("token"), pki.caCert));
        for (AgentNode n : nodes) {
            toml.append("\n[[nodes]]\nname = \"%s\"\naddress = \"%s\"\n".formatted(n.name, n.address()));
        }
        Files.writeString(config, toml);
    }

    public Proc.Result mcp(String... args) {
        return mcpWith(Map.of(), args);
    }

    /** Runs mcp with {@code extraEnv} added to its environment (e.g. {@code EDITOR}). */
    public Proc.Result mcpWith(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("NO_COLOR", "1");
        if (token != null) {
            env.put("MCP_TOKEN", token);
        }
        List<String> argv = new java.util.ArrayList<>(List.of(Testbed.launcher("mcp").toString(), "--config", config.toString()));
        argv.addAll(List.of(args));
        return Proc.run(env, Duration.ofSeconds(120), dir, argv);
    }

    /** Runs mcp without MCP_TOKEN, with {@code stdin} as its standard input (e.g. for --password-stdin). */
    Proc.Result mcpNoTokenWithInput(String stdin, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("NO_COLOR", "1");
        List<String> argv = new java.util.ArrayList<>(List.of(Testbed.launcher("mcp").toString(), "--config", config.toString()));
        argv.addAll(List.of(args));
        return Proc.run(env, Duration.ofSeconds(120), dir, argv, stdin == null ? null : stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Path writeService(String name, String toml) throws IOException {
        Path f = services.resolve(name + ".toml");
        Files.writeString(f, toml);
        return f;
    }

    public static Proc.Result podman(String... args) {
        return Proc.run(Testbed.podmanEnv(), Duration.ofSeconds(120), null, Proc.argv("podman", List.of(args)));
    }

    /** Removes the named containers, missing ones being no error: a test's set-up and clean-up. */
    public static void removeContainers(List<String> names) {
        for (String c : names) {
            podman("rm", "-f", "--ignore", "-t", "0", c);
        }
    }
}

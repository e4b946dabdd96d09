package net.metacircular.mcp.adapter.toml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.Durations;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.Text;

/**
 * Reads the agent's {@code mcp-agent.toml}. The agent must not start half-configured, so every required field is
 * checked here and every problem reported at once, each naming the file and the field.
 */
public final class AgentConfigReader {
    private static final List<String> SECTIONS = List.of("server", "database", "mcias", "agent", "monitor", "log");
    private static final Path PLACEHOLDER = Path.of("");

    private AgentConfigReader() {
    }

    /** Reads and checks {@code file}; throws {@link InvalidInputException} with every problem. */
    public static AgentConfig read(Path file) {
        Objects.requireNonNull(file, "'file' must not be null");
        return parse(ConfigChecks.readConfig(file, "deploy/examples/mcp-agent.toml"), file);
    }

    /** Parses the text of a config file that lives at {@code file}. */
    public static AgentConfig parse(String text, Path file) {
        Objects.requireNonNull(text, "'text' must not be null");
        Objects.requireNonNull(file, "'file' must not be null");
        List<Problem> problems = new ArrayList<>();
        TomlFields root = TomlFields.parse(text, problems).orElse(null);
        if (root == null) {
            throw new InvalidInputException(TomlFields.located(file.toString(), problems));
        }
        root.allowOnly(SECTIONS);
        Optional<Path> noHome = Optional.empty();

        TomlFields s = root.table("server");
        s.allowOnly(List.of("grpc_addr", "tls_cert", "tls_key", "health_port"));
        String grpcAddr = ConfigChecks.required(s, "grpc_addr", problems);
        ConfigChecks.address(s, "grpc_addr", grpcAddr, problems);
        ConfigChecks.required(s, "tls_cert", problems);
        Path tlsCert = ConfigChecks.path(s, "tls_cert", noHome, problems).orElse(PLACEHOLDER);
        ConfigChecks.required(s, "tls_key", problems);
        Path tlsKey = ConfigChecks.path(s, "tls_key", noHome, problems).orElse(PLACEHOLDER);
        long healthPort = s.integer("health_port", 0);
        if (healthPort < 0 || healthPort > 65535) {
            problems.add(new Problem(s.at("health_port"), healthPort + " is not a port (1-65535, or 0 for no loopback health endpoint)"));
            healthPort = 0;
        }

        TomlFields d = root.table("database");
        d.allowOnly(List.of("path", "keep_snapshots"));
        ConfigChecks.required(d, "path", problems);
        Path dbPath = ConfigChecks.path(d, "path", noHome, problems).orElse(PLACEHOLDER);
        long keepSnapshots = d.integer("keep_snapshots", AgentConfig.Database.DEFAULT_KEEP_SNAPSHOTS);
        if (keepSnapshots < 1 || keepSnapshots > 10_000) {
            problems.add(new Problem(d.at("keep_snapshots"), keepSnapshots + " is not between 1 and 10000"));
            keepSnapshots = AgentConfig.Database.DEFAULT_KEEP_SNAPSHOTS;
        }

        TomlFields m = root.table("mcias");
        m.allowOnly(List.of("server_url", "ca_cert", "service_name"));
        String url = ConfigChecks.required(m, "server_url", problems);
        ConfigChecks.httpsUrl(m, "server_url", url, problems);
        MciasSettings mcias = new MciasSettings(url, ConfigChecks.path(m, "ca_cert", noHome, problems),
                m.string("service_name", "mcp-agent"));

        TomlFields a = root.table("agent");
        a.allowOnly(List.of("node_name", "container_runtime", "srv_dir", "podman_binary", "fake_scenario", "runtime_timeout"));
        String nodeName = ConfigChecks.required(a, "node_name", problems);
        if (!nodeName.isBlank()) {
            Names.problem(nodeName).ifPresent(p -> problems.add(new Problem(a.at("node_name"), p)));
        }
        AgentConfig.ContainerRuntimeKind runtime = runtime(a, problems);
        Path srvDir = ConfigChecks.path(a, "srv_dir", noHome, problems).orElse(Path.of("/srv"));
        if (!srvDir.isAbsolute()) {
            problems.add(new Problem(a.at("srv_dir"), "\"" + Text.quoteSafe(srvDir.toString()) + "\" is not an absolute path"));
        }
        String podman = a.string("podman_binary", "podman");
        if (podman.isBlank() || podman.startsWith("-")) {
            problems.add(new Problem(a.at("podman_binary"), "\"" + Text.quoteSafe(podman)
                    + "\" is not an executable name or path"));
        }

        Duration runtimeTimeout = ConfigChecks.duration(a, "runtime_timeout", AgentConfig.Agent.DEFAULT_RUNTIME_TIMEOUT, problems);
        if (runtimeTimeout.compareTo(AgentConfig.Agent.MIN_RUNTIME_TIMEOUT) < 0
                || runtimeTimeout.compareTo(AgentConfig.Agent.MAX_RUNTIME_TIMEOUT) > 0) {
            problems.add(new Problem(a.at("runtime_timeout"), Durations.format(runtimeTimeout) + " is not between "
                    + Durations.format(AgentConfig.Agent.MIN_RUNTIME_TIMEOUT) + " and "
                    + Durations.format(AgentConfig.Agent.MAX_RUNTIME_TIMEOUT)));
            runtimeTimeout = AgentConfig.Agent.DEFAULT_RUNTIME_TIMEOUT;
        }

        Optional<Path> scenario = ConfigChecks.path(a, "fake_scenario", noHome, problems);
        if (scenario.isPresent() && runtime != AgentConfig.ContainerRuntimeKind.FAKE) {
            problems.add(new Problem(a.at("fake_scenario"), "is only played by container_runtime = \"fake\""));
        }

        AgentConfig.Monitor defaults = AgentConfig.Monitor.DEFAULTS;
        TomlFields mo = root.table("monitor");
        mo.allowOnly(List.of("interval", "alert_command", "cooldown", "flap_threshold", "flap_window", "retention",
                "alert_timeout"));
        long flapThreshold = mo.integer("flap_threshold", defaults.flapThreshold());
        // One transition is a drift, not a flap: flapping needs at least two.
        if (flapThreshold < 2 || flapThreshold > 1000) {
            problems.add(new Problem(mo.at("flap_threshold"), flapThreshold + " is not between 2 and 1000"));
            flapThreshold = defaults.flapThreshold();
        }
        AgentConfig.Monitor monitor = new AgentConfig.Monitor(
                ConfigChecks.duration(mo, "interval", defaults.interval(), problems),
                mo.strings("alert_command"),
                ConfigChecks.duration(mo, "cooldown", defaults.cooldown(), problems),
                (int) flapThreshold,
                ConfigChecks.duration(mo, "flap_window", defaults.flapWindow(), problems),
                ConfigChecks.duration(mo, "retention", defaults.retention(), problems),
                ConfigChecks.duration(mo, "alert_timeout", defaults.alertTimeout(), problems));
        if (!monitor.alertCommand().isEmpty() && monitor.alertCommand().getFirst().isBlank()) {
            problems.add(new Problem(mo.at("alert_command") + "[0]", "the program to execute must not be empty"));
        }

        TomlFields l = root.table("log");
        l.allowOnly(List.of("level"));
        String level = l.string("level", "info");
        if (!AgentConfig.Log.LEVELS.contains(level)) {
            problems.add(new Problem(l.at("level"), "\"" + Text.quoteSafe(level) + "\" is not one of "
                    + String.join(", ", AgentConfig.Log.LEVELS)));
        }

        if (!problems.isEmpty()) {
            throw new InvalidInputException(TomlFields.located(file.toString(), problems));
        }
        return new AgentConfig(file, new AgentConfig.Server(grpcAddr, tlsCert, tlsKey, (int) healthPort),
                new AgentConfig.Database(dbPath, (int) keepSnapshots),
                mcias, new AgentConfig.Agent(nodeName, runtime, srvDir, podman, scenario, runtimeTimeout), monitor, new AgentConfig.Log(level));
    }

    /**
     * What is worth a warning at start but must not stop the agent: an alert program that is not there (yet) or
     * cannot be executed, in which case alerts are only logged until it is.
     */
    public static List<String> warnings(AgentConfig cfg) {
        List<String> out = new ArrayList<>();
        List<String> argv = cfg.monitor().alertCommand();
        if (!argv.isEmpty() && !executableExists(argv.getFirst())) {
            out.add(cfg.file() + ": monitor.alert_command[0]: \"" + Text.quoteSafe(argv.getFirst())
                    + "\" is not an executable file" + (argv.getFirst().contains("/") ? "" : " on PATH")
                    + "; alerts are logged, and each run of the command will fail until it exists");
        }
        return out;
    }

    private static boolean executableExists(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, program);
                if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static AgentConfig.ContainerRuntimeKind runtime(TomlFields a, List<Problem> problems) {
        String word = a.string("container_runtime", "podman");
        for (AgentConfig.ContainerRuntimeKind k : AgentConfig.ContainerRuntimeKind.values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        problems.add(new Problem(a.at("container_runtime"), "\"" + Text.quoteSafe(word) + "\" is not one of podman, fake"));
        return AgentConfig.ContainerRuntimeKind.PODMAN;
    }
}

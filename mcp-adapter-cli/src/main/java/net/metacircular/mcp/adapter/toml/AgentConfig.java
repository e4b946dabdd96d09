package net.metacircular.mcp.adapter.toml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The agent's {@code mcp-agent.toml}, read by {@link AgentConfigReader}.
 *
 * @param file     the file it was read from
 * @param server   the {@code [server]} section
 * @param database the {@code [database]} section
 * @param mcias    the {@code [mcias]} section
 * @param agent    the {@code [agent]} section
 * @param monitor  the {@code [monitor]} section
 * @param log      the {@code [log]} section
 */
public record AgentConfig(Path file, Server server, Database database, MciasSettings mcias, Agent agent,
                          Monitor monitor, Log log) {
    public AgentConfig {
        Objects.requireNonNull(file, "'file' must not be null");
        Objects.requireNonNull(server, "'server' must not be null");
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(mcias, "'mcias' must not be null");
        Objects.requireNonNull(agent, "'agent' must not be null");
        Objects.requireNonNull(monitor, "'monitor' must not be null");
        Objects.requireNonNull(log, "'log' must not be null");
    }

    /**
     * The {@code [server]} section.
     *
     * @param grpcAddr the {@code host:port} to bind, the overlay address only
     * @param tlsCert  the agent's certificate chain (PEM)
     * @param tlsKey   the agent's private key (PEM)
     * @param healthPort the opt-in unauthenticated health endpoint on {@code 127.0.0.1}; 0 (the default) is off
     */
    public record Server(String grpcAddr, Path tlsCert, Path tlsKey, int healthPort) {
        public Server {
            Objects.requireNonNull(grpcAddr, "'grpcAddr' must not be null");
            Objects.requireNonNull(tlsCert, "'tlsCert' must not be null");
            Objects.requireNonNull(tlsKey, "'tlsKey' must not be null");
            if (healthPort < 0 || healthPort > 65535) {
                throw new IllegalArgumentException("healthPort must be 0-65535");
            }
        }

        /** A server section without the loopback health endpoint. */
        public Server(String grpcAddr, Path tlsCert, Path tlsKey) {
            this(grpcAddr, tlsCert, tlsKey, 0);
        }
    }

    /**
     * The {@code [database]} section.
     *
     * @param path          the registry's SQLite file
     * @param keepSnapshots how many snapshots {@code mcp-agent snapshot} keeps in {@code backups/} (7)
     */
    public record Database(Path path, int keepSnapshots) {
        /** Snapshots kept when the file does not say. */
        public static final int DEFAULT_KEEP_SNAPSHOTS = 7;

        public Database {
            Objects.requireNonNull(path, "'path' must not be null");
            if (keepSnapshots < 1) {
                throw new IllegalArgumentException("keepSnapshots must be at least 1");
            }
        }

        /** The section with the default snapshot retention. */
        public Database(Path path) {
            this(path, DEFAULT_KEEP_SNAPSHOTS);
        }
    }

    /** Which container runtime adapter the agent drives. */
    public enum ContainerRuntimeKind {
        /** The real podman CLI. */
        PODMAN,
        /** The in-memory simulation, for demos and offline tests. */
        FAKE;

        /** The word used in the config file. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The {@code [agent]} section.
     *
     * @param nodeName         this node's name, as service definitions name it
     * @param containerRuntime the runtime adapter ({@code container_runtime}, default {@code podman})
     * @param srvDir           the root of the services' data directories (default {@code /srv})
     * @param podmanBinary     the podman executable (default {@code podman}, found on PATH)
     * @param fakeScenario     a rehearsal scenario the fake runtime replays ({@code fake_scenario}); fake only
     * @param runtimeTimeout   deadline of every podman call that neither pulls, runs nor stops ({@code runtime_timeout},
     *                         30s); a call still running then is killed and the runtime counts as unavailable
     */
    public record Agent(String nodeName, ContainerRuntimeKind containerRuntime, Path srvDir, String podmanBinary,
                        java.util.Optional<Path> fakeScenario, Duration runtimeTimeout) {
        /** The podman call deadline when the file does not say. */
        public static final Duration DEFAULT_RUNTIME_TIMEOUT = Duration.ofSeconds(30);
        /** The shortest deadline accepted: podman needs a few hundred milliseconds even when idle. */
        public static final Duration MIN_RUNTIME_TIMEOUT = Duration.ofSeconds(1);
        /** The longest deadline accepted: a monitor stuck longer than this is not monitoring. */
        public static final Duration MAX_RUNTIME_TIMEOUT = Duration.ofMinutes(10);

        public Agent {
            Objects.requireNonNull(nodeName, "'nodeName' must not be null");
            Objects.requireNonNull(containerRuntime, "'containerRuntime' must not be null");
            Objects.requireNonNull(srvDir, "'srvDir' must not be null");
            Objects.requireNonNull(podmanBinary, "'podmanBinary' must not be null");
            Objects.requireNonNull(fakeScenario, "'fakeScenario' must not be null");
            Objects.requireNonNull(runtimeTimeout, "'runtimeTimeout' must not be null");
            if (runtimeTimeout.compareTo(MIN_RUNTIME_TIMEOUT) < 0 || runtimeTimeout.compareTo(MAX_RUNTIME_TIMEOUT) > 0) {
                throw new IllegalArgumentException("runtimeTimeout must be between 1s and 10m");
            }
        }

        /** The section with the default podman call deadline. */
        public Agent(String nodeName, ContainerRuntimeKind containerRuntime, Path srvDir, String podmanBinary,
                     java.util.Optional<Path> fakeScenario) {
            this(nodeName, containerRuntime, srvDir, podmanBinary, fakeScenario, DEFAULT_RUNTIME_TIMEOUT);
        }

        /** The section without a rehearsal scenario. */
        public Agent(String nodeName, ContainerRuntimeKind containerRuntime, Path srvDir, String podmanBinary) {
            this(nodeName, containerRuntime, srvDir, podmanBinary, java.util.Optional.empty());
        }
    }

    /**
     * The {@code [monitor]} section, with the design's defaults.
     *
     * @param interval      time between monitor iterations (60s)
     * @param alertCommand  argv executed on an alert; empty: log only
     * @param cooldown      per-component alert suppression (15m)
     * @param flapThreshold transitions within {@code flapWindow} that count as flapping (3)
     * @param flapWindow    the flap window (10m)
     * @param retention     how long events are kept (30d)
     * @param alertTimeout  how long one run of the alert command may take before it is killed (10s)
     */
    public record Monitor(Duration interval, List<String> alertCommand, Duration cooldown, int flapThreshold,
                          Duration flapWindow, Duration retention, Duration alertTimeout) {
        /** The alert command's deadline when the file does not say. */
        public static final Duration DEFAULT_ALERT_TIMEOUT = Duration.ofSeconds(10);
        /** The design's defaults. */
        public static final Monitor DEFAULTS = new Monitor(Duration.ofSeconds(60), List.of(), Duration.ofMinutes(15), 3,
                Duration.ofMinutes(10), Duration.ofDays(30), DEFAULT_ALERT_TIMEOUT);

        public Monitor {
            Objects.requireNonNull(interval, "'interval' must not be null");
            alertCommand = List.copyOf(alertCommand);
            Objects.requireNonNull(cooldown, "'cooldown' must not be null");
            Objects.requireNonNull(flapWindow, "'flapWindow' must not be null");
            Objects.requireNonNull(retention, "'retention' must not be null");
            Objects.requireNonNull(alertTimeout, "'alertTimeout' must not be null");
        }

        /** The section with the default alert timeout. */
        public Monitor(Duration interval, List<String> alertCommand, Duration cooldown, int flapThreshold,
                       Duration flapWindow, Duration retention) {
            this(interval, alertCommand, cooldown, flapThreshold, flapWindow, retention, DEFAULT_ALERT_TIMEOUT);
        }
    }

    /**
     * The {@code [log]} section.
     *
     * @param level {@code debug}, {@code info} (default), {@code warn} or {@code error}
     */
    public record Log(String level) {
        /** The levels accepted. */
        public static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

        public Log {
            Objects.requireNonNull(level, "'level' must not be null");
        }
    }
}

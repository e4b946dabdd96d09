package net.metacircular.mcp.app.agent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import net.metacircular.mcp.adapter.cli.AgentLauncher;
import java.util.Optional;
import net.metacircular.mcp.adapter.fake.FakeRuntime;
import net.metacircular.mcp.adapter.fake.Scenario;
import net.metacircular.mcp.adapter.fake.ScenarioPlayer;
import net.metacircular.mcp.adapter.grpc.AgentGrpcService;
import net.metacircular.mcp.adapter.grpc.AgentServer;
import net.metacircular.mcp.adapter.grpc.AuthInterceptor;
import net.metacircular.mcp.adapter.mcias.MciasClient;
import net.metacircular.mcp.adapter.podman.JvmHostMetrics;
import net.metacircular.mcp.adapter.podman.ExecAlertSink;
import net.metacircular.mcp.adapter.podman.PodmanEvents;
import net.metacircular.mcp.adapter.podman.PodmanRuntime;
import net.metacircular.mcp.adapter.podman.PodmanSettings;
import net.metacircular.mcp.adapter.podman.SdNotify;
import net.metacircular.mcp.adapter.sqlite.SnapshotFiles;
import net.metacircular.mcp.adapter.sqlite.SqliteRegistry;
import net.metacircular.mcp.adapter.toml.AgentConfig;
import net.metacircular.mcp.adapter.toml.AgentConfigReader;
import net.metacircular.mcp.application.Deployer;
import net.metacircular.mcp.application.Monitor;
import net.metacircular.mcp.application.Reconciler;
import net.metacircular.mcp.domain.AlertPolicy;
import net.metacircular.mcp.port.out.ContainerEvents;
import net.metacircular.mcp.application.ServiceLocks;
import net.metacircular.mcp.application.StatusQueries;
import net.metacircular.mcp.application.TokenAuthorizer;
import net.metacircular.mcp.port.out.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the agent by hand: the configuration picks the adapters, constructors inject them, nothing else decides. */
final class AgentLauncherImpl implements AgentLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("mcp.agent");
    /** How long accepted tokens are trusted without asking MCIAS again (the platform's convention). */
    static final Duration TOKEN_CACHE = Duration.ofSeconds(30);
    /** How long MCIAS may take to answer before the call fails closed. */
    static final Duration MCIAS_TIMEOUT = Duration.ofSeconds(5);
    /** How long in-flight RPCs may run after SIGTERM. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How often the health service's answer is refreshed from the registry and the runtime. Each refresh runs
     * {@code podman version} (~0.1 s of CPU), so every 15 s was most of an idle agent's CPU (BENCHMARKS.md, P4).
     */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(60);

    private final String version;

    AgentLauncherImpl(String version) {
        this.version = version;
    }

    @Override
    public int serve(Path configFile) {
        AgentConfig cfg = AgentConfigReader.read(configFile);
        Logging.level(cfg.log().level());
        InstantSource clock = InstantSource.system();
        Instant started = clock.instant();

        PodmanSettings podman = PodmanSettings.defaults().withBinary(cfg.agent().podmanBinary())
                .withTimeouts(cfg.agent().runtimeTimeout(), PodmanSettings.DEFAULT_PULL_TIMEOUT, PodmanSettings.DEFAULT_STOP_GRACE);
        ContainerRuntime runtime = switch (cfg.agent().containerRuntime()) {
            case PODMAN -> PodmanRuntime.create(podman);
            case FAKE -> new FakeRuntime(clock);
        };
        // The fake reports its own events; podman's come from a long-running `podman events`.
        ContainerEvents events = runtime instanceof FakeRuntime fake ? fake : new PodmanEvents(podman, clock);
        ScenarioPlayer scenario = runtime instanceof FakeRuntime fake && cfg.agent().fakeScenario().isPresent()
                ? ScenarioPlayer.start(Scenario.read(cfg.agent().fakeScenario().get()), fake) : null;
        SqliteRegistry registry = SqliteRegistry.open(cfg.database().path(), BUSY_TIMEOUT);
        ServiceLocks locks = new ServiceLocks(clock);
        Reconciler reconciler = new Reconciler(runtime, registry, clock, locks);
        Deployer deployer = new Deployer(runtime, registry, clock, locks, PodmanSettings.DEFAULT_STOP_GRACE);
        StatusQueries status = new StatusQueries(registry, runtime, reconciler, new JvmHostMetrics(),
                new StatusQueries.Facts(cfg.agent().nodeName(), cfg.agent().srvDir(), started, version));
        MciasClient mcias = new MciasClient(URI.create(cfg.mcias().serverUrl()), cfg.mcias().caCert(), MCIAS_TIMEOUT);
        TokenAuthorizer authorizer = new TokenAuthorizer(mcias, clock, TOKEN_CACHE);

        HostPort bind = HostPort.parse("server.grpc_addr", cfg.server().grpcAddr());
        AgentServer server = AgentServer.start(AgentServer.Config.of(bind.host(), bind.port(), cfg.server().tlsCert(), cfg.server().tlsKey()),
                new AgentGrpcService(deployer, status,
                        new net.metacircular.mcp.application.FileTransfers(
                                new net.metacircular.mcp.adapter.files.LocalServiceFiles(cfg.agent().srvDir())),
                        new AgentGrpcService.ServiceManagement(
                                new net.metacircular.mcp.application.ServiceLifecycle(runtime, registry, reconciler, locks,
                                        PodmanSettings.DEFAULT_STOP_GRACE),
                                new net.metacircular.mcp.application.Syncer(runtime, registry, reconciler, locks,
                                        PodmanSettings.DEFAULT_STOP_GRACE),
                                new net.metacircular.mcp.application.Adopter(runtime, registry, locks))),
                new AuthInterceptor(authorizer, clock));
        LOG.info("mcp-agent {} serving node {} on {} (runtime {}, registry {})", version, cfg.agent().nodeName(),
                server.listenAddresses(), runtime.name(), cfg.database().path());
        HealthCheck health = HealthCheck.start(server, registry, runtime, HEALTH_INTERVAL);
        if (cfg.server().healthPort() > 0) {
            server.openLoopbackHealth(cfg.server().healthPort());
        }
        SdNotify systemd = new SdNotify(System.getenv());
        AgentConfigReader.warnings(cfg).forEach(LOG::warn);
        AgentConfig.Monitor mc = cfg.monitor();
        ExecAlertSink alerts = ExecAlertSink.create(mc.alertCommand(), mc.alertTimeout());
        Monitor monitor = new Monitor(reconciler, registry, alerts, clock, new Monitor.Settings(cfg.agent().nodeName(),
                mc.interval(), mc.retention(), new AlertPolicy(mc.cooldown(), mc.flapThreshold(), mc.flapWindow())));
        monitor.start(Optional.of(events));
        systemd.send("READY=1\nSTATUS=serving node " + cfg.agent().nodeName());

        Shutdown shutdown = new Shutdown(() -> {
            LOG.info("stopping: no new RPCs, waiting up to {} for in-flight ones", SHUTDOWN_GRACE);
            systemd.send("STOPPING=1");
            health.close();
            server.shutdown(SHUTDOWN_GRACE);
            if (scenario != null) {
                scenario.close();
            }
            monitor.close();
            alerts.close();
            registry.close();
            LOG.info("stopped");
        });
        shutdown.installSignalHandlers();
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown.run();
        return 0;
    }

    @Override
    public int snapshot(Path configFile) {
        AgentConfig cfg = AgentConfigReader.read(configFile);
        Path db = cfg.database().path();
        Path dir = db.toAbsolutePath().getParent().resolve("backups");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path target = SnapshotFiles.write(db, Instant.now(), cfg.database().keepSnapshots(), BUSY_TIMEOUT);
        LOG.info("snapshot written to {} (keeping the newest {} in {})", target, cfg.database().keepSnapshots(), dir);
        return 0;
    }
}

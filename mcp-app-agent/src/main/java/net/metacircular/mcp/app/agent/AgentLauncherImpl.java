package net.metacircular.mcp.app.agent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.metacircular.mcp.adapter.cli.AgentLauncher;
import net.metacircular.mcp.adapter.fake.FakeRuntime;
import net.metacircular.mcp.adapter.grpc.AgentGrpcService;
import net.metacircular.mcp.adapter.grpc.AgentServer;
import net.metacircular.mcp.adapter.grpc.AuthInterceptor;
import net.metacircular.mcp.adapter.mcias.MciasClient;
import net.metacircular.mcp.adapter.podman.JvmHostMetrics;
import net.metacircular.mcp.adapter.podman.PodmanRuntime;
import net.metacircular.mcp.adapter.podman.PodmanSettings;
import net.metacircular.mcp.adapter.sqlite.SqliteRegistry;
import net.metacircular.mcp.adapter.toml.AgentConfig;
import net.metacircular.mcp.adapter.toml.AgentConfigReader;
import net.metacircular.mcp.application.Deployer;
import net.metacircular.mcp.application.Reconciler;
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

        ContainerRuntime runtime = switch (cfg.agent().containerRuntime()) {
            case PODMAN -> PodmanRuntime.create(PodmanSettings.defaults().withBinary(cfg.agent().podmanBinary()));
            case FAKE -> new FakeRuntime(clock);
        };
        SqliteRegistry registry = SqliteRegistry.open(cfg.database().path(), BUSY_TIMEOUT);
        ServiceLocks locks = new ServiceLocks();
        Reconciler reconciler = new Reconciler(runtime, registry, clock);
        Deployer deployer = new Deployer(runtime, registry, clock, locks, PodmanSettings.DEFAULT_STOP_GRACE);
        StatusQueries status = new StatusQueries(registry, runtime, reconciler, new JvmHostMetrics(),
                new StatusQueries.Facts(cfg.agent().nodeName(), cfg.agent().srvDir(), started, version));
        MciasClient mcias = new MciasClient(URI.create(cfg.mcias().serverUrl()), cfg.mcias().caCert(), MCIAS_TIMEOUT);
        TokenAuthorizer authorizer = new TokenAuthorizer(mcias, clock, TOKEN_CACHE);

        HostPort bind = HostPort.parse("server.grpc_addr", cfg.server().grpcAddr());
        AgentServer server = AgentServer.start(AgentServer.Config.of(bind.host(), bind.port(), cfg.server().tlsCert(), cfg.server().tlsKey()),
                new AgentGrpcService(deployer, status), new AuthInterceptor(authorizer, clock));
        LOG.info("mcp-agent {} serving node {} on {} (runtime {}, registry {})", version, cfg.agent().nodeName(),
                server.listenAddresses(), runtime.name(), cfg.database().path());

        Shutdown shutdown = new Shutdown(() -> {
            LOG.info("stopping: no new RPCs, waiting up to {} for in-flight ones", SHUTDOWN_GRACE);
            server.shutdown(SHUTDOWN_GRACE);
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
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path target = dir.resolve("mcp-" + stamp + ".db");
        try (SqliteRegistry registry = SqliteRegistry.open(db, BUSY_TIMEOUT)) {
            registry.snapshot(target);
        }
        LOG.info("snapshot written to {}", target);
        return 0;
    }
}

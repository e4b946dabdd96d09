package net.metacircular.mcp.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.metacircular.mcp.adapter.cli.OperatorFactory;
import net.metacircular.mcp.adapter.grpc.GrpcAgentGateway;
import net.metacircular.mcp.adapter.toml.CliConfig;
import net.metacircular.mcp.adapter.toml.CliConfigReader;
import net.metacircular.mcp.adapter.toml.TomlDefinitionStore;
import net.metacircular.mcp.application.Operator;
import net.metacircular.mcp.port.in.OperatorUseCase;

/** Wires the CLI by hand once {@code --config} is known: TOML definitions, the gRPC gateway, the token. */
final class CliWiring implements OperatorFactory, AutoCloseable {
    /** How long one node may take to answer one call. */
    static final Duration PER_NODE_DEADLINE = Duration.ofSeconds(30);
    /** Deploys pull images; they get longer. */
    static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(10);
    /** How long MCIAS may take to answer a login. */
    static final Duration MCIAS_TIMEOUT = Duration.ofSeconds(10);
    /** An editing session longer than this is abandoned (the draft is kept). */
    static final Duration EDITOR_TIMEOUT = Duration.ofHours(12);

    private final Map<String, String> env;
    /** The gateways this run opened, closed by {@link #close()}. */
    private final List<GrpcAgentGateway> gateways = new ArrayList<>();

    CliWiring(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public OperatorUseCase create(Optional<Path> configPath) {
        Path home = Path.of(System.getProperty("user.home"));
        Path file = configPath.orElseGet(() -> CliConfigReader.defaultLocation(env, home));
        CliConfig cfg = CliConfigReader.read(file, home);
        // Resolved now, so a missing or unsafe token file is one clear error before any RPC.
        String token = token(cfg);
        GrpcAgentGateway gateway = opened(GrpcAgentGateway.overTls(cfg.tls().caCert(), () -> token, DEPLOY_DEADLINE));
        return new Operator(gateway, new TomlDefinitionStore(cfg.servicesDir()), cfg.nodes(), PER_NODE_DEADLINE,
                cfg.servicesDir().toString());
    }

    private synchronized GrpcAgentGateway opened(GrpcAgentGateway gateway) {
        gateways.add(gateway);
        return gateway;
    }

    /**
     * Closes the gateways this run opened: their connections and event-loop threads end, so the JVM exits at once
     * (a thread left in native I/O delays HotSpot's exit by 300 ms).
     */
    @Override
    public synchronized void close() {
        gateways.forEach(GrpcAgentGateway::close);
        gateways.clear();
    }

    @Override
    public net.metacircular.mcp.port.in.LoginUseCase login(Optional<Path> configPath) {
        return login(config(configPath));
    }

    @Override
    public net.metacircular.mcp.port.in.NodesUseCase nodes(Optional<Path> configPath) {
        Path home = Path.of(System.getProperty("user.home"));
        Path file = configPath.orElseGet(() -> CliConfigReader.defaultLocation(env, home));
        return new net.metacircular.mcp.application.Nodes(new net.metacircular.mcp.adapter.toml.TomlNodeConfig(file, home));
    }

    private CliConfig config(Optional<Path> configPath) {
        Path home = Path.of(System.getProperty("user.home"));
        return CliConfigReader.read(configPath.orElseGet(() -> CliConfigReader.defaultLocation(env, home)), home);
    }

    /**
     * The token for agent calls, resolved now so a missing, expired or unsafe token is one clear error before any
     * RPC: {@code MCP_TOKEN}, else the token file, else a login of the configured system account.
     */
    private String token(CliConfig cfg) {
        return login(cfg).token();
    }

    private net.metacircular.mcp.application.Login login(CliConfig cfg) {
        // MCIAS is only contacted by a login; a config without [mcias] server_url can still use MCP_TOKEN
        net.metacircular.mcp.port.out.IdentityProvider mcias = (user, password, totp, service) -> {
            if (cfg.mcias().serverUrl().isEmpty()) {
                throw new net.metacircular.mcp.domain.PreconditionException("[mcias] server_url is not set in "
                        + cfg.file() + "; it is needed to log in");
            }
            return new net.metacircular.mcp.adapter.mcias.MciasClient(java.net.URI.create(cfg.mcias().serverUrl()),
                    cfg.mcias().caCert(), MCIAS_TIMEOUT).login(user, password, totp, service);
        };
        Optional<net.metacircular.mcp.application.Login.SystemAccount> system = cfg.auth().username()
                .flatMap(u -> cfg.auth().passwordFile().map(f ->
                        new net.metacircular.mcp.application.Login.SystemAccount(u, () -> PasswordFile.read(f))));
        return new net.metacircular.mcp.application.Login(mcias,
                new net.metacircular.mcp.adapter.cli.TokenFile(cfg.auth().tokenPath()), java.time.InstantSource.system(),
                cfg.mcias().serviceName(), Optional.ofNullable(env.get("MCP_TOKEN")), system);
    }

    @Override
    public net.metacircular.mcp.port.in.ServiceCommandsUseCase serviceCommands(Optional<Path> configPath) {
        Path home = Path.of(System.getProperty("user.home"));
        Path file = configPath.orElseGet(() -> CliConfigReader.defaultLocation(env, home));
        CliConfig cfg = CliConfigReader.read(file, home);
        String token = token(cfg);
        GrpcAgentGateway gateway = opened(GrpcAgentGateway.overTls(cfg.tls().caCert(), () -> token, DEPLOY_DEADLINE));
        TomlDefinitionStore definitions = new TomlDefinitionStore(cfg.servicesDir());
        Operator fleet = new Operator(gateway, definitions, cfg.nodes(), PER_NODE_DEADLINE, cfg.servicesDir().toString());
        return new net.metacircular.mcp.application.ServiceCommands(fleet, gateway, definitions,
                new net.metacircular.mcp.adapter.podman.ProcessEditorLauncher(env, EDITOR_TIMEOUT));
    }
}

package net.metacircular.mcp.app.cli;

import java.nio.file.Path;
import java.time.Duration;
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
final class CliWiring implements OperatorFactory {
    /** How long one node may take to answer one call. */
    static final Duration PER_NODE_DEADLINE = Duration.ofSeconds(30);
    /** Deploys pull images; they get longer. */
    static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(10);

    private final Map<String, String> env;

    CliWiring(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public OperatorUseCase create(Optional<Path> configPath) {
        Path home = Path.of(System.getProperty("user.home"));
        Path file = configPath.orElseGet(() -> CliConfigReader.defaultLocation(env, home));
        CliConfig cfg = CliConfigReader.read(file, home);
        // Resolved now, so a missing or unsafe token file is one clear error before any RPC.
        String token = new Tokens(env, cfg.auth().tokenPath()).require();
        GrpcAgentGateway gateway = GrpcAgentGateway.overTls(cfg.tls().caCert(), () -> token, DEPLOY_DEADLINE);
        return new Operator(gateway, new TomlDefinitionStore(cfg.servicesDir()), cfg.nodes(), PER_NODE_DEADLINE,
                cfg.servicesDir().toString());
    }
}

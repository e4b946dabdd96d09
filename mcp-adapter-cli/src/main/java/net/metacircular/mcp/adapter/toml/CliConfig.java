package net.metacircular.mcp.adapter.toml;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.port.out.AgentGateway;

/**
 * The operator's {@code mcp.toml}, read by {@link CliConfigReader}.
 *
 * @param file        the file it was read from
 * @param servicesDir the services directory ({@code [services] dir}; default {@code services/} beside the file)
 * @param mcias       the {@code [mcias]} section
 * @param auth        the {@code [auth]} section
 * @param tls         the {@code [tls]} section
 * @param nodes       the {@code [[nodes]]}, in file order; at least one
 */
public record CliConfig(Path file, Path servicesDir, MciasSettings mcias, Auth auth, Tls tls, List<AgentGateway.Node> nodes) {
    public CliConfig {
        Objects.requireNonNull(file, "'file' must not be null");
        Objects.requireNonNull(servicesDir, "'servicesDir' must not be null");
        Objects.requireNonNull(mcias, "'mcias' must not be null");
        Objects.requireNonNull(auth, "'auth' must not be null");
        Objects.requireNonNull(tls, "'tls' must not be null");
        nodes = List.copyOf(nodes);
    }

    /**
     * The {@code [auth]} section.
     *
     * @param tokenPath    the cached MCIAS token (default {@code token} beside the config file)
     * @param username     a system account for unattended use, if configured
     * @param passwordFile the file holding that account's password, if configured
     */
    public record Auth(Path tokenPath, Optional<String> username, Optional<Path> passwordFile) {
        public Auth {
            Objects.requireNonNull(tokenPath, "'tokenPath' must not be null");
            Objects.requireNonNull(username, "'username' must not be null");
            Objects.requireNonNull(passwordFile, "'passwordFile' must not be null");
        }
    }

    /**
     * The {@code [tls]} section.
     *
     * @param caCert the CA that signs the agents' certificates; empty: the system trust store. Never "skip".
     */
    public record Tls(Optional<Path> caCert) {
        public Tls {
            Objects.requireNonNull(caCert, "'caCert' must not be null");
        }
    }
}

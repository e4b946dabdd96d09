package net.metacircular.mcp.adapter.toml;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [mcias]} section shared by both configs.
 *
 * @param serverUrl   MCIAS base URL, {@code https://}; empty when not configured
 * @param caCert      CA certificate that signs MCIAS's certificate; empty: the system trust store
 * @param serviceName the service name presented to MCIAS
 */
public record MciasSettings(String serverUrl, Optional<Path> caCert, String serviceName) {
    public MciasSettings {
        Objects.requireNonNull(serverUrl, "'serverUrl' must not be null");
        Objects.requireNonNull(caCert, "'caCert' must not be null");
        Objects.requireNonNull(serviceName, "'serviceName' must not be null");
    }
}

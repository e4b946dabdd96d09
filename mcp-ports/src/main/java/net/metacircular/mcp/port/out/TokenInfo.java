package net.metacircular.mcp.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What MCIAS says about a token.
 *
 * @param valid     whether MCIAS accepts it
 * @param subject   the account's stable ID
 * @param username  the account's name, for audit lines
 * @param roles     its roles; MCP requires {@code admin}
 * @param expiresAt when it expires; {@code Instant.MIN} when invalid
 */
public record TokenInfo(boolean valid, String subject, String username, Set<String> roles, Instant expiresAt) {
    public TokenInfo {
        Objects.requireNonNull(subject, "'subject' must not be null");
        Objects.requireNonNull(username, "'username' must not be null");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
    }

    /** A rejected token. */
    public static TokenInfo rejected() {
        return new TokenInfo(false, "", "", Set.of(), Instant.MIN);
    }
}

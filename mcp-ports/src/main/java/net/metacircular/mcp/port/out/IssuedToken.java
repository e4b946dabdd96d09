package net.metacircular.mcp.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token MCIAS issued, with its expiry when known; {@code toString} never shows the token.
 *
 * @param token     the bearer token
 * @param expiresAt when it stops being valid, if known
 */
public record IssuedToken(String token, Optional<Instant> expiresAt) {
    public IssuedToken {
        Objects.requireNonNull(token, "'token' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("a token must be non-empty printable text without spaces");
        }
    }

    /** True when the expiry is known and {@code now} is past it, less {@code marginSeconds}. */
    public boolean expired(Instant now, long marginSeconds) {
        return expiresAt.map(e -> !now.plusSeconds(marginSeconds).isBefore(e)).orElse(false);
    }

    @Override
    public String toString() {
        return "IssuedToken[token=<redacted>, expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}

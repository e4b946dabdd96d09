package net.metacircular.mcp.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The operator's session with MCIAS: log in and out, and the token every agent call carries. */
public interface LoginUseCase {
    /** The account named in the configuration ({@code [auth] username}), if any. */
    Optional<String> configuredUsername();

    /**
     * Logs {@code username} in and stores the token. Throws
     * {@link net.metacircular.mcp.port.out.TotpRequiredException} when MCIAS also wants a TOTP code,
     * {@link net.metacircular.mcp.port.out.LoginRejectedException} when it refuses the credentials.
     */
    LoginOutcome login(String username, String password, Optional<String> totp);

    /** Removes the stored token; false when none was stored. */
    boolean logout();

    /** Where the token is stored, for messages. */
    String tokenLocation();

    /**
     * The token for agent calls: {@code MCP_TOKEN} when set, else the stored token unless it has expired, else a
     * fresh one for the configured system account (stored for the next command). Without any, a
     * {@link net.metacircular.mcp.domain.PreconditionException} tells the operator to run {@code mcp login}.
     */
    String token();

    /**
     * A successful login.
     *
     * @param username  the account logged in
     * @param location  where the token was stored
     * @param expiresAt when the token expires, if MCIAS said
     */
    record LoginOutcome(String username, String location, Optional<Instant> expiresAt) {
        public LoginOutcome {
            Objects.requireNonNull(username, "'username' must not be null");
            Objects.requireNonNull(location, "'location' must not be null");
            Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        }
    }
}

package net.metacircular.mcp.application;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.port.in.LoginUseCase;
import net.metacircular.mcp.port.out.IdentityProvider;
import net.metacircular.mcp.port.out.IssuedToken;
import net.metacircular.mcp.port.out.TokenStore;

/**
 * The operator's session: logs in through the identity provider, keeps the token in the token store, and finds the
 * token for agent calls ({@code MCP_TOKEN}, then a stored unexpired token, then the configured system account).
 */
public final class Login implements LoginUseCase {
    /** A stored token this close to its expiry is treated as expired, so it cannot lapse mid-command. */
    static final long EXPIRY_MARGIN_SECONDS = 30;
    private static final System.Logger LOG = System.getLogger(Login.class.getName());

    private final IdentityProvider identity;
    private final TokenStore store;
    private final InstantSource clock;
    private final String serviceName;
    private final Optional<String> envToken;
    private final Optional<SystemAccount> systemAccount;

    /**
     * A system account for unattended use ({@code [auth] username} and {@code password_file}).
     *
     * @param username the account
     * @param password reads its password when needed (from the password file)
     */
    public record SystemAccount(String username, Supplier<String> password) {
        public SystemAccount {
            Objects.requireNonNull(username, "'username' must not be null");
            Objects.requireNonNull(password, "'password' must not be null");
        }
    }

    /**
     * @param identity      MCIAS
     * @param store         the token file
     * @param clock         what "expired" is measured against
     * @param serviceName   the service name presented to MCIAS ({@code [mcias] service_name})
     * @param envToken      {@code MCP_TOKEN}, when set
     * @param systemAccount the configured system account, if any
     */
    public Login(IdentityProvider identity, TokenStore store, InstantSource clock, String serviceName,
                 Optional<String> envToken, Optional<SystemAccount> systemAccount) {
        this.identity = Objects.requireNonNull(identity, "'identity' must not be null");
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.serviceName = Objects.requireNonNull(serviceName, "'serviceName' must not be null");
        this.envToken = Objects.requireNonNull(envToken, "'envToken' must not be null").map(String::strip)
                .filter(t -> !t.isEmpty());
        this.systemAccount = Objects.requireNonNull(systemAccount, "'systemAccount' must not be null");
    }

    @Override
    public Optional<String> configuredUsername() {
        return systemAccount.map(SystemAccount::username);
    }

    @Override
    public LoginOutcome login(String username, String password, Optional<String> totp) {
        Objects.requireNonNull(totp, "'totp' must not be null");
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("username", "is required");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "is required");
        }
        IssuedToken token = identity.login(username, password, totp.filter(t -> !t.isBlank()), serviceName);
        store.save(token);
        LOG.log(System.Logger.Level.DEBUG, "logged in as {0}; token stored in {1}", username, store.location());
        return new LoginOutcome(username, store.location(), token.expiresAt());
    }

    @Override
    public boolean logout() {
        return store.delete();
    }

    @Override
    public String tokenLocation() {
        return store.location();
    }

    @Override
    public String token() {
        if (envToken.isPresent()) {
            return envToken.get();
        }
        Optional<IssuedToken> stored = store.read();
        if (stored.isPresent() && !stored.get().expired(clock.instant(), EXPIRY_MARGIN_SECONDS)) {
            return stored.get().token();
        }
        if (systemAccount.isPresent()) {
            SystemAccount account = systemAccount.get();
            IssuedToken fresh = identity.login(account.username(), account.password().get(), Optional.empty(), serviceName);
            store.save(fresh);
            LOG.log(System.Logger.Level.DEBUG, "logged in as system account {0}", account.username());
            return fresh.token();
        }
        if (stored.isPresent()) {
            throw new PreconditionException("the token in " + store.location() + " expired at "
                    + stored.get().expiresAt().map(Object::toString).orElse("?") + ": run `mcp login`");
        }
        throw new PreconditionException("not logged in (no token in " + store.location()
                + "): run `mcp login`, or set MCP_TOKEN");
    }
}

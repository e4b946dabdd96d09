package net.metacircular.mcp.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.port.out.IdentityProvider;
import net.metacircular.mcp.port.out.IssuedToken;
import net.metacircular.mcp.port.out.TokenStore;
import net.metacircular.mcp.port.out.TotpRequiredException;
import org.junit.jupiter.api.Test;

class LoginTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final List<String> logins = new ArrayList<>();
    private final MemoryStore store = new MemoryStore();
    private final IdentityProvider mcias = (user, password, totp, service) -> {
        logins.add(user + ":" + password + ":" + totp.orElse("-") + ":" + service);
        if (user.equals("totp-user") && totp.isEmpty()) {
            throw new TotpRequiredException("MCIAS asks for a TOTP code for " + user);
        }
        return new IssuedToken("tok-" + user, Optional.of(NOW.plusSeconds(3600)));
    };

    private static final class MemoryStore implements TokenStore {
        Optional<IssuedToken> token = Optional.empty();

        @Override
        public Optional<IssuedToken> read() {
            return token;
        }

        @Override
        public void save(IssuedToken t) {
            token = Optional.of(t);
        }

        @Override
        public boolean delete() {
            boolean had = token.isPresent();
            token = Optional.empty();
            return had;
        }

        @Override
        public String location() {
            return "/home/op/.config/mcp/token";
        }
    }

    private Login login(Optional<String> env, Optional<Login.SystemAccount> system) {
        return new Login(mcias, store, InstantSource.fixed(NOW), "mcp", env, system);
    }

    @Test
    void login_storesTheIssuedTokenAndSaysWhere() {
        var outcome = login(Optional.empty(), Optional.empty()).login("kyle", "pw", Optional.empty());

        assertThat(store.token).contains(new IssuedToken("tok-kyle", Optional.of(NOW.plusSeconds(3600))));
        assertThat(outcome.location()).isEqualTo("/home/op/.config/mcp/token");
        assertThat(logins).containsExactly("kyle:pw:-:mcp");
    }

    @Test
    void givenAnAccountWithTotp_loginWithoutACode_throwsTotpRequiredAndStoresNothing() {
        assertThatThrownBy(() -> login(Optional.empty(), Optional.empty()).login("totp-user", "pw", Optional.empty()))
                .isInstanceOf(TotpRequiredException.class);
        assertThat(store.token).isEmpty();
    }

    @Test
    void givenMcpToken_token_prefersItOverTheStoredOne() {
        store.save(new IssuedToken("stored", Optional.empty()));

        assertThat(login(Optional.of(" from-env \n"), Optional.empty()).token()).isEqualTo("from-env");
    }

    @Test
    void givenAStoredValidToken_token_usesItWithoutLoggingIn() {
        store.save(new IssuedToken("stored", Optional.of(NOW.plusSeconds(600))));

        assertThat(login(Optional.empty(), Optional.of(new Login.SystemAccount("svc", () -> "pw"))).token()).isEqualTo("stored");
        assertThat(logins).isEmpty();
    }

    @Test
    void givenAnExpiredTokenAndASystemAccount_token_logsInAndStoresTheFreshToken() {
        store.save(new IssuedToken("stale", Optional.of(NOW.minusSeconds(1))));

        String token = login(Optional.empty(), Optional.of(new Login.SystemAccount("svc", () -> "secret"))).token();

        assertThat(token).isEqualTo("tok-svc");
        assertThat(store.token.orElseThrow().token()).isEqualTo("tok-svc");
        assertThat(logins).containsExactly("svc:secret:-:mcp");
    }

    @Test
    void givenNoTokenAndASystemAccount_token_logsIn() {
        assertThat(login(Optional.empty(), Optional.of(new Login.SystemAccount("svc", () -> "secret"))).token())
                .isEqualTo("tok-svc");
    }

    @Test
    void givenAnExpiredTokenAndNoSystemAccount_token_saysOnceToLogInAgain() {
        store.save(new IssuedToken("stale", Optional.of(NOW.plusSeconds(10))));

        assertThatThrownBy(() -> login(Optional.empty(), Optional.empty()).token())
                .isInstanceOf(PreconditionException.class)
                .hasMessage("the token in /home/op/.config/mcp/token expired at 2026-03-01T12:00:10Z: run `mcp login`");
    }

    @Test
    void givenNoToken_token_saysHowToLogIn() {
        assertThatThrownBy(() -> login(Optional.empty(), Optional.empty()).token())
                .isInstanceOf(PreconditionException.class)
                .hasMessageContaining("not logged in").hasMessageContaining("mcp login").hasMessageContaining("MCP_TOKEN");
    }

    @Test
    void logout_removesTheStoredToken() {
        store.save(new IssuedToken("stored", Optional.empty()));
        Login l = login(Optional.empty(), Optional.empty());

        assertThat(l.logout()).isTrue();
        assertThat(l.logout()).isFalse();
        assertThat(store.token).isEmpty();
    }

    @Test
    void issuedToken_neverShowsTheTokenInItsText() {
        assertThat(new IssuedToken("secret-token", Optional.empty()).toString()).doesNotContain("secret-token");
    }
}

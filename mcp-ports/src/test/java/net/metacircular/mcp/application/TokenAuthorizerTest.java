package net.metacircular.mcp.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.metacircular.mcp.port.in.AuthorizeUseCase.AuthDecision;
import net.metacircular.mcp.port.out.AuthUnavailableException;
import net.metacircular.mcp.port.out.TokenInfo;
import net.metacircular.mcp.port.out.TokenValidator;
import org.junit.jupiter.api.Test;

class TokenAuthorizerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    private Instant now = T0;
    private final InstantSource clock = () -> now;
    private final List<String> asked = new ArrayList<>();
    private TokenInfo answer = new TokenInfo(true, "s1", "alice", Set.of("admin"), T0.plusSeconds(3600));
    private RuntimeException down;
    private final TokenValidator mcias = token -> {
        asked.add(token);
        if (down != null) {
            throw down;
        }
        return answer;
    };
    private final TokenAuthorizer auth = new TokenAuthorizer(mcias, clock, Duration.ofSeconds(30));

    @Test
    void adminToken_isAllowed_andCachedForThirtySeconds() {
        assertThat(auth.authorize("Bearer tok")).isEqualTo(new AuthDecision.Allowed("alice"));
        now = T0.plusSeconds(29);
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Allowed.class);
        assertThat(asked).hasSize(1);
        now = T0.plusSeconds(31);
        auth.authorize("Bearer tok");
        assertThat(asked).hasSize(2);
    }

    @Test
    void concurrentCallsWithOneUncachedToken_askMciasOnce_andAllGetItsAnswer() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        TokenAuthorizer slow = new TokenAuthorizer(token -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return answer;
        }, clock, Duration.ofSeconds(30));
        List<java.util.concurrent.Future<AuthDecision>> all = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> slow.authorize("Bearer tok")));
            }
            while (calls.get() == 0) {
                Thread.sleep(1);
            }
            Thread.sleep(50); // the others reach the authorizer while the first is inside MCIAS
            release.countDown();
            for (java.util.concurrent.Future<AuthDecision> f : all) {
                assertThat(f.get()).isEqualTo(new AuthDecision.Allowed("alice"));
            }
        }
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void cachedToken_isNeverServedPastItsExpiry() {
        answer = new TokenInfo(true, "s1", "alice", Set.of("admin"), T0.plusSeconds(10));
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Allowed.class);
        now = T0.plusSeconds(10);
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Unauthenticated.class);
    }

    @Test
    void rejectedToken_isNeverCachedAsValid() {
        answer = TokenInfo.rejected();
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Unauthenticated.class);
        answer = new TokenInfo(true, "s1", "alice", Set.of("admin"), T0.plusSeconds(3600));
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Allowed.class);
        assertThat(asked).hasSize(2);
    }

    @Test
    void validTokenWithoutAdmin_isDenied_andNamesTheCaller() {
        answer = new TokenInfo(true, "s2", "bob", Set.of("viewer"), T0.plusSeconds(3600));
        assertThat(auth.authorize("Bearer tok")).isEqualTo(new AuthDecision.Denied("bob", "the admin role is required"));
    }

    @Test
    void unreachableMcias_failsClosed() {
        down = new AuthUnavailableException("connect timed out", null);
        assertThat(auth.authorize("Bearer tok")).isInstanceOf(AuthDecision.Unavailable.class);
    }

    @Test
    void malformedHeaders_areRefusedWithoutAskingMcias() {
        for (String h : new String[] {null, "", "Basic abc", "Bearer ", "Bearer a b", "Bearer tok\u0000", "Bearer " + "x".repeat(8193)}) {
            assertThat(auth.authorize(h)).as(String.valueOf(h)).isInstanceOf(AuthDecision.Unauthenticated.class);
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void theCacheIsKeyedByTheToken_soAnotherTokenIsAskedAbout() {
        auth.authorize("Bearer one");
        auth.authorize("Bearer two");
        assertThat(asked).containsExactly("one", "two");
    }
}

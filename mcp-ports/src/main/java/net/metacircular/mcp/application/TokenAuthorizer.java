package net.metacircular.mcp.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.out.AuthUnavailableException;
import net.metacircular.mcp.port.out.TokenInfo;
import net.metacircular.mcp.port.out.TokenValidator;

/**
 * Admits callers holding a valid MCIAS token with the {@code admin} role. Accepted tokens are cached for at most
 * {@code ttl} (and never past their expiry), keyed by the token's SHA-256 so the token itself is never kept;
 * rejections are never cached as valid. An MCIAS that cannot be asked fails the call closed.
 */
public final class TokenAuthorizer implements AuthorizeUseCase {
    /** The role every MCP operation requires. */
    public static final String ADMIN_ROLE = "admin";
    /** The longest token accepted; longer headers are rejected without asking MCIAS. */
    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
    private static final int MAX_CACHE = 10_000;

    private final TokenValidator validator;
    private final InstantSource clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TokenInfo>> inFlight = new ConcurrentHashMap<>();

    private record Cached(TokenInfo info, Instant until) {
    }

    /**
     * @param validator the MCIAS adapter
     * @param clock     the source of time for cache expiry
     * @param ttl       how long an accepted token is trusted without asking again (the platform's 30 s)
     */
    public TokenAuthorizer(TokenValidator validator, InstantSource clock, Duration ttl) {
        this.validator = Objects.requireNonNull(validator, "'validator' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.ttl = Objects.requireNonNull(ttl, "'ttl' must not be null");
    }

    @Override
    public AuthDecision authorize(String header) {
        if (header == null || header.isEmpty()) {
            return new AuthDecision.Unauthenticated("-", "missing authorization metadata");
        }
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new AuthDecision.Unauthenticated("-", "authorization metadata is not \"Bearer <token>\"");
        }
        String token = header.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
            return new AuthDecision.Unauthenticated("-", "malformed bearer token");
        }
        Instant now = clock.instant();
        String key = sha256(token);
        Cached hit = cache.get(key);
        TokenInfo info;
        if (hit != null && now.isBefore(hit.until())) {
            info = hit.info();
        } else {
            if (hit != null) {
                cache.remove(key, hit);
            }
            try {
                info = validateOnce(key, token, now);
            } catch (AuthUnavailableException e) {
                return new AuthDecision.Unavailable("-", "MCIAS unavailable: " + e.getMessage());
            }
        }
        String caller = info.username().isEmpty() ? "-" : info.username();
        if (!info.valid()) {
            return new AuthDecision.Unauthenticated(caller, "token rejected by MCIAS");
        }
        if (!now.isBefore(info.expiresAt())) {
            return new AuthDecision.Unauthenticated(caller, "token expired");
        }
        if (!info.roles().contains(ADMIN_ROLE)) {
            return new AuthDecision.Denied(caller, "the admin role is required");
        }
        return new AuthDecision.Allowed(caller);
    }

    /**
     * Asks MCIAS about one token once however many RPCs carry it at that moment: the first caller validates and
     * caches, the others wait for its answer. Without this, every RPC in flight when a token's entry expires asks
     * MCIAS again (BENCHMARKS.md, P7).
     */
    private TokenInfo validateOnce(String key, String token, Instant now) {
        CompletableFuture<TokenInfo> mine = new CompletableFuture<>();
        CompletableFuture<TokenInfo> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            try {
                return leader.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            TokenInfo info = validator.validate(token);
            if (info.valid() && now.isBefore(info.expiresAt())) {
                Instant until = now.plus(ttl);
                if (info.expiresAt().isBefore(until)) {
                    until = info.expiresAt();
                }
                if (cache.size() >= MAX_CACHE) {
                    cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
                    if (cache.size() >= MAX_CACHE) {
                        cache.clear();
                    }
                }
                cache.put(key, new Cached(info, until));
            }
            mine.complete(info);
            return info;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            // after the cache holds the answer, so a caller arriving now finds it there
            inFlight.remove(key, mine);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

package net.metacircular.mcp.adapter.mcias;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import net.metacircular.mcp.port.out.AuthUnavailableException;
import net.metacircular.mcp.port.out.IdentityProvider;
import net.metacircular.mcp.port.out.IssuedToken;
import net.metacircular.mcp.port.out.LoginRejectedException;
import net.metacircular.mcp.port.out.TotpRequiredException;
import net.metacircular.mcp.port.out.TokenInfo;
import net.metacircular.mcp.port.out.TokenValidator;

/**
 * The MCIAS client over HTTPS, holding the whole MCIAS HTTP contract: token validation for the agent and login
 * for the CLI. Anything but a well-formed answer in time fails closed; tokens and passwords are never logged or put
 * in exception messages.
 */
public final class MciasClient implements TokenValidator, IdentityProvider {
    /** The largest answer read from MCIAS; anything longer is treated as garbage. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param serverUrl MCIAS's base URL, {@code https://host:port} (a path prefix is kept)
     * @param caPem     the only CA trusted for MCIAS's certificate; the system trust store when empty
     * @param timeout   bound on connecting and on each whole request
     */
    public MciasClient(URI serverUrl, Optional<Path> caPem, Duration timeout) {
        Objects.requireNonNull(serverUrl, "'serverUrl' must not be null");
        Objects.requireNonNull(caPem, "'caPem' must not be null");
        this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
        if (!"https".equalsIgnoreCase(serverUrl.getScheme()) || serverUrl.getHost() == null) {
            throw new IllegalArgumentException("MCIAS server URL must be https://host[:port], not \"" + serverUrl + "\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        String s = serverUrl.toString();
        this.baseUrl = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        this.http = HttpClient.newBuilder()
                .sslContext(caPem.isPresent() ? trusting(caPem.get()) : defaultContext())
                .sslParameters(params)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public TokenInfo validate(String token) {
        Objects.requireNonNull(token, "'token' must not be null");
        ObjectNode body = JSON.createObjectNode().put("token", token);
        Answer answer = post("/v1/token/validate", body);
        if (answer.status() != 200) {
            throw new AuthUnavailableException("MCIAS answered HTTP " + answer.status() + " to token validation", null);
        }
        JsonNode json = answer.json();
        JsonNode valid = json.get("valid");
        if (valid == null || !valid.isBoolean()) {
            throw new AuthUnavailableException("MCIAS token validation answer lacks a boolean \"valid\"", null);
        }
        if (!valid.booleanValue()) {
            return TokenInfo.rejected();
        }
        Set<String> roles = new HashSet<>();
        JsonNode rolesNode = json.path("roles");
        if (!rolesNode.isMissingNode() && !rolesNode.isNull()) {
            if (!rolesNode.isArray()) {
                throw new AuthUnavailableException("MCIAS token validation answer has non-array \"roles\"", null);
            }
            for (JsonNode r : rolesNode) {
                if (!r.isTextual()) {
                    throw new AuthUnavailableException("MCIAS token validation answer has a non-string role", null);
                }
                roles.add(r.textValue());
            }
        }
        return new TokenInfo(true, text(json, "sub"), text(json, "username"), roles, time(json, "expires_at"));
    }

    /**
     * Logs in to MCIAS for {@code serviceName}. A 401 whose {@code error} or {@code code} mentions TOTP is a
     * {@link TotpRequiredException} (the account needs a code, or a better one); any other 401 is a
     * {@link LoginRejectedException}; no answer, or nonsense, is an {@link AuthUnavailableException}.
     */
    @Override
    public IssuedToken login(String username, String password, Optional<String> totp, String serviceName) {
        Objects.requireNonNull(username, "'username' must not be null");
        Objects.requireNonNull(password, "'password' must not be null");
        Objects.requireNonNull(totp, "'totp' must not be null");
        Objects.requireNonNull(serviceName, "'serviceName' must not be null");
        ObjectNode body = JSON.createObjectNode()
                .put("username", username)
                .put("password", password)
                .put("totp_code", totp.orElse(""))
                .put("service_name", serviceName);
        body.putArray("tags");
        Answer answer = post("/v1/auth/login", body);
        if (answer.status() == 401) {
            if (mentionsTotp(answer.json())) {
                throw new TotpRequiredException(totp.isEmpty()
                        ? "MCIAS asks for a TOTP code for " + username
                        : "MCIAS refused the TOTP code for " + username);
            }
            throw new LoginRejectedException("MCIAS login failed: username or password rejected"
                    + (totp.isEmpty() ? " (if the account uses TOTP, give the code too)" : " (or the TOTP code)"));
        }
        if (answer.status() != 200) {
            throw new AuthUnavailableException("MCIAS answered HTTP " + answer.status() + " to login", null);
        }
        String token = text(answer.json(), "token");
        if (token.isEmpty()) {
            throw new AuthUnavailableException("MCIAS login answer lacks a token", null);
        }
        return new IssuedToken(token, Optional.of(time(answer.json(), "expires_at")));
    }

    /** True when a refusal's {@code error} or {@code code} field names TOTP. */
    private static boolean mentionsTotp(JsonNode json) {
        if (json == null) {
            return false;
        }
        for (String field : new String[] {"error", "code"}) {
            JsonNode n = json.get(field);
            if (n != null && n.isTextual() && n.textValue().toLowerCase(java.util.Locale.ROOT).contains("totp")) {
                return true;
            }
        }
        return false;
    }

    private record Answer(int status, JsonNode json) {
    }

    /** One POST with a bounded time and a bounded answer; the body of a non-200 answer is never parsed. */
    private Answer post(String path, ObjectNode body) {
        String url = baseUrl + path;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (JacksonException | IllegalArgumentException e) {
            throw new AuthUnavailableException("cannot build a request to " + url + ": " + e.getMessage(), e);
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() == 401) {
                    // a refusal may say why (TOTP needed); a body that is not small JSON says nothing
                    byte[] why = in.readNBytes(4096);
                    JsonNode reason = null;
                    try {
                        reason = JSON.readTree(why);
                    } catch (JacksonException ignored) {
                        // no reason given
                    }
                    return new Answer(401, reason != null && reason.isObject() ? reason : null);
                }
                if (response.statusCode() != 200) {
                    return new Answer(response.statusCode(), null);
                }
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw new AuthUnavailableException("MCIAS answer from " + url + " is larger than "
                            + MAX_RESPONSE_BYTES + " bytes", null);
                }
                JsonNode json = JSON.readTree(bytes);
                if (json == null || !json.isObject()) {
                    throw new AuthUnavailableException("MCIAS answer from " + url + " is not a JSON object", null);
                }
                return new Answer(200, json);
            }
        } catch (JacksonException e) {
            throw new AuthUnavailableException("MCIAS answer from " + url + " is not valid JSON", e);
        } catch (IOException e) {
            throw new AuthUnavailableException("cannot reach MCIAS at " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthUnavailableException("interrupted while asking MCIAS at " + url, e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw new AuthUnavailableException("MCIAS answer has a non-string \"" + field + "\"", null);
        }
        return n.textValue();
    }

    private static Instant time(JsonNode json, String field) {
        String s = text(json, field);
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new AuthUnavailableException("MCIAS answer has no RFC 3339 \"" + field + "\"", e);
        }
    }

    /** An SSL context trusting exactly the certificates in {@code caPem}. */
    static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalStateException("MCIAS CA certificate " + caPem + " holds no certificate");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use MCIAS CA certificate " + caPem + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }
}

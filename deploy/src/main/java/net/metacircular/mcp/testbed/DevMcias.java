package net.metacircular.mcp.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A development MCIAS-compatible identity server for tests and the demo, JDK only: HTTPS, accounts given on the
 * command line, real Ed25519-signed JWTs with expiry and revocation, and a few {@code /v1/dev/*} endpoints to
 * issue, revoke and slow down. It is not a production identity service: keys live in memory for one run.
 */
public final class DevMcias implements AutoCloseable {
    /** Lifetime of a token issued by {@code /v1/auth/login}. */
    public static final Duration LOGIN_TTL = Duration.ofHours(1);
    private static final int MAX_BODY = 64 * 1024;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final HttpsServer server;
    private final ExecutorService executor;
    private final KeyPair signing;
    private final InstantSource clock;
    private final Map<String, Account> accounts;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicLong validateDelayMillis = new AtomicLong();
    /** Validations answered, for the benchmark of the agent's token cache ({@code /v1/dev/stats}). */
    private final AtomicLong validations = new AtomicLong();

    /**
     * An account that may log in.
     *
     * @param username its name
     * @param password its password
     * @param roles    its roles, e.g. {@code admin}
     * @param totp     the static TOTP code required at login, if any
     */
    public record Account(String username, String password, List<String> roles, Optional<String> totp) {
        public Account {
            Objects.requireNonNull(username, "'username' must not be null");
            Objects.requireNonNull(password, "'password' must not be null");
            roles = List.copyOf(roles);
            Objects.requireNonNull(totp, "'totp' must not be null");
        }

        /** Parses {@code name:password:role1,role2[:totp]}. */
        public static Account parse(String spec) {
            String[] parts = spec.split(":", -1);
            if (parts.length < 3 || parts.length > 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("--account must be name:password:role1,role2[:totp], not \"" + spec + "\"");
            }
            List<String> roles = parts[2].isEmpty() ? List.of() : List.of(parts[2].split(","));
            Optional<String> totp = parts.length == 4 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
            return new Account(parts[0], parts[1], roles, totp);
        }

        @Override
        public String toString() {
            return "Account[" + username + ", roles=" + roles + "]";
        }
    }

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    private DevMcias(HttpsServer server, ExecutorService executor, KeyPair signing, InstantSource clock,
                     Map<String, Account> accounts) {
        this.server = server;
        this.executor = executor;
        this.signing = signing;
        this.clock = clock;
        this.accounts = accounts;
    }

    /**
     * Starts serving HTTPS on {@code listen} (port 0 picks one) with the certificate chain and PKCS#8 key given.
     */
    public static DevMcias start(InetSocketAddress listen, Path certPem, Path keyPem, List<Account> accounts)
            throws IOException, GeneralSecurityException {
        return start(listen, serverTls(certPem, keyPem), accounts, InstantSource.system());
    }

    /** Starts serving with a ready TLS context and a clock (tests may move time). */
    public static DevMcias start(InetSocketAddress listen, SSLContext tls, List<Account> accounts, InstantSource clock)
            throws IOException, GeneralSecurityException {
        Map<String, Account> byName = new LinkedHashMap<>();
        for (Account a : accounts) {
            byName.put(a.username(), a);
        }
        KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        HttpsServer server = HttpsServer.create(listen, 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(p);
            }
        });
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        DevMcias mcias = new DevMcias(server, executor, signing, clock, Map.copyOf(byName));
        server.createContext("/", mcias::handle);
        server.start();
        return mcias;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, {@code https://host:port}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Issues a token directly; a negative {@code ttl} gives one that has already expired. */
    public Issued issue(String username, List<String> roles, Duration ttl) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subjectOf(username));
        claims.put("username", username);
        claims.put("roles", List.copyOf(roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String payload = HEADER + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signing.getPrivate());
            s.update(payload.getBytes(StandardCharsets.US_ASCII));
            return new Issued(payload + "." + B64.encodeToString(s.sign()), Instant.ofEpochSecond(exp.getEpochSecond()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** Revokes a token this server issued; answers whether it was one. */
    public boolean revoke(String token) {
        Optional<Map<String, Object>> claims = verifiedClaims(token);
        claims.ifPresent(c -> revoked.add(String.valueOf(c.get("jti"))));
        return claims.isPresent();
    }

    /** Makes every later token validation wait this long before answering. */
    public void setValidateDelay(Duration delay) {
        validateDelayMillis.set(Math.max(0, delay.toMillis()));
    }

    /**
     * The validation answer for {@code token}: the claims when the signature verifies, it has not expired and it is
     * not revoked; empty otherwise.
     */
    public Optional<Map<String, Object>> validate(String token) {
        Optional<Map<String, Object>> claims = verifiedClaims(token);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> c = claims.get();
        if (!(c.get("exp") instanceof Long exp) || clock.instant().getEpochSecond() >= exp) {
            return Optional.empty();
        }
        if (revoked.contains(String.valueOf(c.get("jti")))) {
            return Optional.empty();
        }
        return claims;
    }

    private Optional<Map<String, Object>> verifiedClaims(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return Optional.empty();
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(signing.getPublic());
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            if (Json.parse(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8)) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> claims = (Map<String, Object>) m;
                return Optional.of(claims);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("mcias-dev:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // --- HTTP ---

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, Map.of("error", "method not allowed"));
                return;
            }
            Map<String, Object> body;
            try {
                byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY + 1);
                if (raw.length > MAX_BODY || !(Json.parse(new String(raw, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) {
                    reply(ex, 400, Map.of("error", "expected a JSON object"));
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> cast = (Map<String, Object>) m;
                body = cast;
            } catch (IllegalArgumentException e) {
                reply(ex, 400, Map.of("error", "malformed JSON: " + e.getMessage()));
                return;
            }
            switch (ex.getRequestURI().getPath()) {
                case "/v1/token/validate" -> onValidate(ex, body);
                case "/v1/auth/login" -> onLogin(ex, body);
                case "/v1/dev/issue" -> onIssue(ex, body);
                case "/v1/dev/revoke" -> reply(ex, 200, Map.of("revoked", revoke(string(body, "token"))));
                case "/v1/dev/stats" -> reply(ex, 200, Map.of("validations", validations.get()));
                case "/v1/dev/delay" -> {
                    setValidateDelay(Duration.ofMillis(number(body, "millis", 0)));
                    reply(ex, 200, Map.of("millis", validateDelayMillis.get()));
                }
                default -> reply(ex, 404, Map.of("error", "not found"));
            }
        } catch (RuntimeException e) {
            // a bug here must not kill the server's thread silently: answer 500 with what went wrong
            try {
                reply(ex, 500, Map.of("error", String.valueOf(e)));
            } catch (IOException | RuntimeException ignored) {
                // the response was already started; the client sees a broken answer, which fails closed
            }
        }
    }

    private void onValidate(HttpExchange ex, Map<String, Object> body) throws IOException {
        validations.incrementAndGet();
        long delay = validateDelayMillis.get();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Optional<Map<String, Object>> claims = validate(string(body, "token"));
        if (claims.isEmpty()) {
            reply(ex, 200, Map.of("valid", false));
            return;
        }
        Map<String, Object> c = claims.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", true);
        answer.put("sub", c.get("sub"));
        answer.put("username", c.get("username"));
        answer.put("roles", c.get("roles"));
        answer.put("expires_at", rfc3339(Instant.ofEpochSecond((Long) c.get("exp"))));
        reply(ex, 200, answer);
    }

    private void onLogin(HttpExchange ex, Map<String, Object> body) throws IOException {
        Account a = accounts.get(string(body, "username"));
        boolean passwordOk = a != null && same(a.password(), string(body, "password"));
        if (!passwordOk) {
            reply(ex, 401, Map.of("error", "invalid credentials"));
            return;
        }
        if (!a.totp().map(t -> same(t, string(body, "totp_code"))).orElse(true)) {
            // the CLI prompts for a code when a refusal names TOTP
            reply(ex, 401, Map.of("error", "totp required"));
            return;
        }
        Issued t = issue(a.username(), a.roles(), LOGIN_TTL);
        reply(ex, 200, Map.of("token", t.token(), "expires_at", rfc3339(t.expiresAt())));
    }

    private void onIssue(HttpExchange ex, Map<String, Object> body) throws IOException {
        String username = string(body, "username");
        if (username.isEmpty()) {
            reply(ex, 400, Map.of("error", "username is required"));
            return;
        }
        List<String> roles = new ArrayList<>();
        if (body.get("roles") instanceof List<?> l) {
            for (Object r : l) {
                roles.add(String.valueOf(r));
            }
        }
        Issued t = issue(username, roles, Duration.ofSeconds(number(body, "ttl_seconds", LOGIN_TTL.toSeconds())));
        reply(ex, 200, Map.of("token", t.token(), "expires_at", rfc3339(t.expiresAt())));
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s ? s : "";
    }

    private static long number(Map<String, Object> body, String field, long otherwise) {
        return body.get(field) instanceof Number n ? n.longValue() : otherwise;
    }

    private static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static void reply(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- TLS material ---

    /** A server TLS context from a PEM certificate chain and an unencrypted PKCS#8 PEM key. */
    public static SSLContext serverTls(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certPem)) {
            chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certPem);
        }
        String pem = Files.readString(keyPem, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(keyPem + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        String alg = chain.getFirst().getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance("EdDSA".equals(alg) ? "Ed25519" : alg)
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        char[] pass = "dev".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, pass, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    // --- command line ---

    /**
     * {@code --listen HOST:PORT --cert PEM --key PEM [--account name:password:roles[:totp]]... [--port-file PATH]};
     * prints exactly one line, {@code dev-mcias listening on https://host:port}, then serves until killed.
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            run(args, out);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            System.err.println("dev-mcias: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args, PrintStream out) throws IOException, GeneralSecurityException {
        String listen = null;
        Path cert = null;
        Path key = null;
        Path portFile = null;
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--listen" -> listen = value;
                case "--cert" -> cert = Path.of(value);
                case "--key" -> key = Path.of(value);
                case "--account" -> accounts.add(Account.parse(value));
                case "--port-file" -> portFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag
                        + "; usage: --listen HOST:PORT --cert PEM --key PEM [--account name:password:roles[:totp]]... [--port-file PATH]");
            }
        }
        if (listen == null || cert == null || key == null) {
            throw new IllegalArgumentException("--listen, --cert and --key are required");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen must be HOST:PORT, not \"" + listen + "\"");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen port is not a number: \"" + listen + "\"");
        }
        DevMcias mcias = start(new InetSocketAddress(host, port), cert, key, accounts);
        if (portFile != null) {
            // written whole then moved, so a reader polling for the file never sees a partial port
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(mcias.port()));
            Files.move(tmp, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        out.println("dev-mcias listening on " + mcias.url());
        out.flush();
    }

    // --- JSON, just enough for this contract ---

    /** A minimal JSON reader and writer: objects, arrays, strings, integers, decimals, booleans and null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        /** Parses one JSON value; throws {@link IllegalArgumentException} on anything malformed. */
        static Object parse(String text) {
            Json p = new Json(text);
            p.ws();
            Object v = p.value(0);
            p.ws();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + p.i);
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > 32) {
                throw new IllegalArgumentException("nested too deeply");
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek('}')) {
                i++;
                return m;
            }
            while (true) {
                ws();
                if (!peek('"')) {
                    throw new IllegalArgumentException("expected a key at " + i);
                }
                String k = string();
                ws();
                expect(':');
                ws();
                m.put(k, value(depth + 1));
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (peek(']')) {
                i++;
                return l;
            }
            while (true) {
                ws();
                l.add(value(depth + 1));
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("unexpected character at " + start);
            }
            try {
                return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number \"" + n + "\"");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("unexpected token at " + i);
            }
            i += word.length();
            return v;
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        /** Writes maps, lists, strings, numbers, booleans and null as JSON. */
        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(b, v);
            return b.toString();
        }

        private static void write(StringBuilder b, Object v) {
            switch (v) {
                case null -> b.append("null");
                case String str -> quote(b, str);
                case Boolean bool -> b.append(bool);
                case Number n -> b.append(n);
                case Map<?, ?> m -> {
                    b.append('{');
                    Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<?, ?> e = it.next();
                        quote(b, String.valueOf(e.getKey()));
                        b.append(':');
                        write(b, e.getValue());
                        if (it.hasNext()) {
                            b.append(',');
                        }
                    }
                    b.append('}');
                }
                case List<?> l -> {
                    b.append('[');
                    for (int k = 0; k < l.size(); k++) {
                        if (k > 0) {
                            b.append(',');
                        }
                        write(b, l.get(k));
                    }
                    b.append(']');
                }
                default -> quote(b, v.toString());
            }
        }

        private static void quote(StringBuilder b, String str) {
            b.append('"');
            for (int k = 0; k < str.length(); k++) {
                char c = str.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }
    }
}

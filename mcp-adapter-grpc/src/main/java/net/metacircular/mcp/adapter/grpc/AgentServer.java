package net.metacircular.mcp.adapter.grpc;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;

/**
 * The agent's running gRPC server: the MCP service and gRPC's standard health service, both behind the auth
 * interceptor, served over TLS 1.3 only on exactly the configured address.
 */
public final class AgentServer {
    /** The default largest message accepted, as gRPC's own default. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The default number of threads serving RPCs. */
    public static final int DEFAULT_THREADS = 8;
    // an 8 KiB token plus the other headers must fit; gRPC's default of 8 KiB would not hold it
    private static final int MAX_METADATA_BYTES = 16 * 1024;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    private final Server server;
    private final HealthStatusManager health;
    private final ExecutorService ownedExecutor;
    private volatile Server loopbackHealth;

    /**
     * How to serve.
     *
     * @param bindHost        the address to bind, e.g. the overlay address; never widened to a wildcard
     * @param port            the port; 0 picks a free one
     * @param certPem         the server's certificate chain, PEM
     * @param keyPem          its private key, unencrypted PKCS#8 PEM, readable by the owner only
     * @param maxMessageBytes the largest inbound message
     * @param threads         threads serving RPCs (they block on MCIAS, the database and the runtime)
     */
    public record Config(String bindHost, int port, Path certPem, Path keyPem, int maxMessageBytes, int threads) {
        public Config {
            Objects.requireNonNull(bindHost, "'bindHost' must not be null");
            Objects.requireNonNull(certPem, "'certPem' must not be null");
            Objects.requireNonNull(keyPem, "'keyPem' must not be null");
            if (bindHost.isBlank()) {
                throw new IllegalArgumentException("bindHost must name an address; an empty one would bind every interface");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not within 0..65535");
            }
            if (maxMessageBytes <= 0) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, not " + maxMessageBytes);
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be positive, not " + threads);
            }
        }

        /** A config with the default message size and thread count. */
        public static Config of(String bindHost, int port, Path certPem, Path keyPem) {
            return new Config(bindHost, port, certPem, keyPem, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_THREADS);
        }
    }

    private AgentServer(Server server, HealthStatusManager health, ExecutorService ownedExecutor) {
        this.server = server;
        this.health = health;
        this.ownedExecutor = ownedExecutor;
    }

    /**
     * Starts the TLS server on {@code cfg.bindHost():cfg.port()}. Throws {@link IllegalStateException} naming the
     * file when the certificate or key is missing, unreadable, in the wrong format, or the key is accessible by
     * group or others; {@link UncheckedIOException} when the address cannot be bound.
     */
    public static AgentServer start(Config cfg, AgentGrpcService service, AuthInterceptor auth) {
        Objects.requireNonNull(cfg, "'cfg' must not be null");
        SslContext tls = serverTls(cfg.certPem(), cfg.keyPem());
        ExecutorService executor = Executors.newFixedThreadPool(cfg.threads(), threads());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(cfg.bindHost(), cfg.port()))
                .sslContext(tls)
                .executor(executor)
                .maxInboundMessageSize(cfg.maxMessageBytes())
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .maxConnectionIdle(5, TimeUnit.MINUTES)
                .maxConcurrentCallsPerConnection(64);
        try {
            return start(builder, service, auth, executor);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * Starts a server from a caller's builder (the in-process transport in tests); the caller owns its transport
     * settings and executor.
     */
    public static AgentServer start(ServerBuilder<?> builder, AgentGrpcService service, AuthInterceptor auth) {
        return start(builder, service, auth, null);
    }

    private static AgentServer start(ServerBuilder<?> builder, AgentGrpcService service, AuthInterceptor auth,
                                     ExecutorService ownedExecutor) {
        Objects.requireNonNull(builder, "'builder' must not be null");
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(auth, "'auth' must not be null");
        HealthStatusManager health = new HealthStatusManager();
        builder.addService(ServerInterceptors.intercept(service, auth))
                .addService(ServerInterceptors.intercept(health.getHealthService(), auth));
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        health.setStatus(McpAgentGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return new AgentServer(server, health, ownedExecutor);
    }

    /**
     * Sets what the standard health service answers: SERVING only while the agent's registry and runtime are
     * usable (the app checks them), NOT_SERVING otherwise. Ignored after shutdown began.
     */
    public void serving(boolean usable) {
        ServingStatus status = usable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        health.setStatus(McpAgentGrpc.SERVICE_NAME, status);
    }

    /**
     * Opens the operator's opt-in, unauthenticated health endpoint: a second, plaintext listener on
     * {@code 127.0.0.1:port} that serves only gRPC's standard health service (the same answers as the main
     * listener's). Only loopback can reach it, and it exposes nothing but SERVING or NOT_SERVING; every other
     * RPC still needs TLS and an admin token on the main listener. Returns the bound port.
     */
    public int openLoopbackHealth(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("health port " + port + " is outside 0-65535");
        }
        Server s = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(health.getHealthService())
                .maxInboundMessageSize(4096)
                .build();
        try {
            s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for health checks on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        loopbackHealth = s;
        LOG.log(System.Logger.Level.INFO, "unauthenticated health checks on 127.0.0.1:{0} (plaintext, loopback only)", s.getPort());
        return s.getPort();
    }

    /** The bound port; -1 for a transport without ports. */
    public int port() {
        return server.getPort();
    }

    /** The addresses actually listened on. */
    public List<? extends SocketAddress> listenAddresses() {
        return server.getListenSockets();
    }

    /**
     * Stops accepting calls, lets in-flight calls finish for up to {@code grace}, then cancels what is left.
     * Returns once the server has terminated or a further second has passed.
     */
    public void shutdown(Duration grace) {
        Objects.requireNonNull(grace, "'grace' must not be null");
        health.enterTerminalState();
        Server lh = loopbackHealth;
        if (lh != null) {
            lh.shutdownNow();
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "calls still running after {0} ms; cancelling them", grace.toMillis());
                server.shutdownNow();
                server.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
        }
    }

    /** Blocks until the server has terminated (after {@link #shutdown}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Checks the files first so the operator learns which one is wrong, then builds a TLS 1.3-only context. */
    static SslContext serverTls(Path certPem, Path keyPem) {
        String cert = readPem("TLS certificate", certPem);
        if (!cert.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalStateException("TLS certificate " + certPem + " is not a PEM certificate");
        }
        requireOwnerOnly(keyPem);
        String key = readPem("TLS key", keyPem);
        if (!key.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException("TLS key " + keyPem + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE "
                    + "KEY); convert it with `openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW`");
        }
        try {
            // The JDK's TLS, as in the CLI, rather than the BoringSSL library grpc-netty-shaded would unpack into /tmp
            // and load: one native library fewer in a small node's memory (BENCHMARKS.md, P4).
            return GrpcSslContexts.configure(SslContextBuilder.forServer(certPem.toFile(), keyPem.toFile()), SslProvider.JDK)
                    .protocols("TLSv1.3")
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot use TLS certificate " + certPem + " with key " + keyPem + ": "
                    + e.getMessage(), e);
        }
    }

    private static String readPem(String what, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException(what + " " + file + " is missing or unreadable");
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireOwnerOnly(Path key) {
        if (!Files.isRegularFile(key) || !Files.isReadable(key)) {
            throw new IllegalStateException("TLS key " + key + " is missing or unreadable");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(key);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("TLS key " + key + ": cannot check its permissions: " + e.getMessage(), e);
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("TLS key " + key + " is accessible by group or others ("
                    + PosixFilePermissions.toString(perms) + "); run chmod 600 on it");
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mcp-grpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package net.metacircular.mcp.adapter.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.in.AuthorizeUseCase.AuthDecision;

/**
 * Requires an admin MCIAS token on every RPC it wraps (none exempt), puts the caller's name in {@link #CALLER},
 * and writes exactly one audit line per RPC to the {@code mcp.audit} logger. The token never reaches a log.
 */
public final class AuthInterceptor implements ServerInterceptor {
    /** The authenticated caller's username, set for the RPC's handler. */
    public static final Context.Key<String> CALLER = Context.key("mcp-caller");
    /** The logger audit lines go to. */
    public static final String AUDIT_LOGGER = "mcp.audit";

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final System.Logger AUDIT = System.getLogger(AUDIT_LOGGER);
    private static final System.Logger LOG = System.getLogger(AuthInterceptor.class.getName());

    private final AuthorizeUseCase authorize;
    private final InstantSource clock;

    /**
     * @param authorize decides on the {@code authorization} metadata
     * @param clock     measures each call's duration for the audit line
     */
    public AuthInterceptor(AuthorizeUseCase authorize, InstantSource clock) {
        this.authorize = Objects.requireNonNull(authorize, "'authorize' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long start = clock.millis();
        String method = call.getMethodDescriptor().getFullMethodName();
        AuthDecision decision;
        try {
            // gRPC runs this on the server's executor, so blocking on MCIAS here does not stall the transport
            decision = authorize.authorize(headers.get(AUTHORIZATION));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "authorization failed unexpectedly; refusing the call", e);
            decision = new AuthDecision.Unavailable("-", "authorization failed unexpectedly");
        }
        Audit audit = new Audit(method, decision.caller(), start);
        return switch (decision) {
            case AuthDecision.Allowed allowed -> admit(call, headers, next, allowed.caller(), audit);
            case AuthDecision.Unauthenticated u -> refuse(call, Status.UNAUTHENTICATED.withDescription(u.reason()),
                    "UNAUTHENTICATED", audit);
            case AuthDecision.Denied d -> refuse(call, Status.PERMISSION_DENIED.withDescription(d.reason()),
                    "PERMISSION_DENIED", audit);
            case AuthDecision.Unavailable u -> {
                LOG.log(System.Logger.Level.WARNING, "refusing {0}: {1}", method, u.reason());
                yield refuse(call, Status.UNAVAILABLE.withDescription(ErrorMapper.AUTH_UNAVAILABLE), "UNAVAILABLE", audit);
            }
        };
    }

    private <Q, R> ServerCall.Listener<Q> admit(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next,
                                                String caller, Audit audit) {
        ServerCall<Q, R> audited = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    audit.write(status.isOk() ? "OK" : status.getCode().name());
                }
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(CALLER, caller), audited,
                headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    // the client went away before the handler closed the call: still one line
                    audit.write(Status.Code.CANCELLED.name());
                }
            }
        };
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String outcome, Audit audit) {
        try {
            call.close(status, new Metadata());
        } finally {
            audit.write(outcome);
        }
        return new ServerCall.Listener<>() {
        };
    }

    /** One RPC's audit line, written at most once whichever way the call ends. */
    private final class Audit {
        private final String method;
        private final String caller;
        private final long start;
        private final AtomicBoolean written = new AtomicBoolean();

        Audit(String method, String caller, long start) {
            this.method = method;
            this.caller = caller;
            this.start = start;
        }

        void write(String outcome) {
            if (written.compareAndSet(false, true)) {
                long ms = Math.max(0, clock.millis() - start);
                AUDIT.log(System.Logger.Level.INFO, "audit method=" + safe(method) + " caller=" + safe(caller)
                        + " outcome=" + outcome + " duration_ms=" + ms);
            }
        }
    }

    /** Keeps one audit record on one line with space-separated fields, whatever a username contains. */
    static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 128));
        for (int i = 0; i < s.length() && i < 128; i++) {
            char c = s.charAt(i);
            b.append(c > ' ' && c < 0x7f && c != '=' ? c : '?');
        }
        return b.toString();
    }
}

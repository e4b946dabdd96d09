package net.metacircular.mcp.adapter.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Adds {@code authorization: Bearer <token>} to each call, and refuses to send the token over a channel without TLS. */
final class BearerCredentials extends CallCredentials {
    private final Supplier<String> token;

    BearerCredentials(Supplier<String> token) {
        this.token = Objects.requireNonNull(token, "'token' must not be null");
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor appExecutor, MetadataApplier applier) {
        if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("refusing to send the token over a channel without TLS"));
            return;
        }
        String value;
        try {
            value = token.get();
        } catch (RuntimeException e) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("no token: " + e.getMessage()));
            return;
        }
        if (value == null || value.isBlank()) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("no token"));
            return;
        }
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + value.strip());
        applier.apply(headers);
    }
}

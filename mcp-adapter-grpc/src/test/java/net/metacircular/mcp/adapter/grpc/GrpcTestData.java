package net.metacircular.mcp.adapter.grpc;

import java.time.Instant;
import java.util.List;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;

/** Domain values used across the adapter's tests. */
final class GrpcTestData {
    static final Instant STARTED = Instant.parse("2026-03-04T05:06:07.123456789Z");

    private GrpcTestData() {
    }

    static ComponentSpec api() {
        return new ComponentSpec("api", "registry:5000/metacrypt:v1.7.0", "mcpnet", "0:0", "unless-stopped",
                List.of("127.0.0.1:8443:8443", "9000:9000/udp"), List.of("/srv/metacrypt:/data:Z"),
                List.of("server", "--config", "/data/metacrypt.toml"), List.of("LOG_LEVEL=debug", "EMPTY="));
    }

    static ComponentSpec web() {
        return ComponentSpec.of("web", "registry:5000/metacrypt-web:v1.7.0");
    }

    static ServiceSpec metacrypt() {
        return new ServiceSpec("metacrypt", true, List.of(api(), web()));
    }

    static ServiceRecord metacryptRecord() {
        return new ServiceRecord("metacrypt", true, List.of(
                new ComponentRecord("metacrypt", api(), DesiredState.RUNNING, ObservedState.RUNNING, "v1.7.0", STARTED,
                        "abc123"),
                new ComponentRecord("metacrypt", web(), DesiredState.RUNNING, ObservedState.EXITED, "v1.7.0", null, "")));
    }

    static Event crash() {
        return new Event("metacrypt", "web", ObservedState.RUNNING, ObservedState.EXITED, STARTED.plusSeconds(60));
    }
}

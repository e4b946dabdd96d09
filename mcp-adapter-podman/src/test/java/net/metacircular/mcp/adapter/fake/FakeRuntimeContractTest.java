package net.metacircular.mcp.adapter.fake;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeContract;
import org.junit.jupiter.api.BeforeEach;

/** The container runtime contract, run against the fake. */
class FakeRuntimeContractTest extends ContainerRuntimeContract {
    private static final String V1 = "127.0.0.1:45000/mcp-test/busybox:v1";
    private static final String V2 = "127.0.0.1:45000/mcp-test/busybox:v2";
    private FakeRuntime runtime;

    @BeforeEach
    void createRuntime() {
        // A clock that moves one second per reading, so equal start times cannot come from a frozen clock.
        AtomicLong seconds = new AtomicLong(1_800_000_000L);
        InstantSource ticking = () -> Instant.ofEpochSecond(seconds.getAndIncrement());
        runtime = new FakeRuntime(ticking)
                .addImage(V1, "1111111111111111111111111111111111111111111111111111111111111111")
                .addImage(V2, "2222222222222222222222222222222222222222222222222222222222222222");
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected String imageV1() {
        return V1;
    }

    @Override
    protected String imageV2() {
        return V2;
    }
}

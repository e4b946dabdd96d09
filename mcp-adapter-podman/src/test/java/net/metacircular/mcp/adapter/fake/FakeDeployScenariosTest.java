package net.metacircular.mcp.adapter.fake;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import net.metacircular.mcp.application.DeployScenariosContract;
import net.metacircular.mcp.port.out.ContainerRuntime;

/** The deploy scenarios on the fake runtime. */
class FakeDeployScenariosTest extends DeployScenariosContract {
    private static final String V1 = "127.0.0.1:45000/mcp-test/busybox:v1";
    private static final String V2 = "127.0.0.1:45000/mcp-test/busybox:v2";
    // A fresh runtime per test (JUnit makes a new instance per test); the clock moves a second per reading.
    private final AtomicLong seconds = new AtomicLong(1_800_000_000L);
    private final InstantSource ticking = () -> Instant.ofEpochSecond(seconds.getAndIncrement());
    private final FakeRuntime runtime = new FakeRuntime(ticking).addImage(V1, "1".repeat(64)).addImage(V2, "2".repeat(64));

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

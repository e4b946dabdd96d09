package net.metacircular.mcp.app.agent;

import java.time.Duration;
import net.metacircular.mcp.adapter.grpc.AgentServer;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the gRPC health service honest: SERVING only while the registry answers and the runtime can be asked. */
final class HealthCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("mcp.agent.health");
    private final Thread thread;

    private HealthCheck(Thread thread) {
        this.thread = thread;
    }

    static HealthCheck start(AgentServer server, Registry registry, ContainerRuntime runtime, Duration interval) {
        Thread t = Thread.ofVirtual().name("health-check").start(() -> {
            Boolean last = null;
            while (!Thread.currentThread().isInterrupted()) {
                boolean usable = usable(registry, runtime);
                if (last == null || last != usable) {
                    server.serving(usable);
                    if (last != null) {
                        LOG.info("health: {}", usable ? "SERVING (registry and runtime usable again)" : "NOT_SERVING (registry or runtime unusable)");
                    }
                    last = usable;
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return new HealthCheck(t);
    }

    static boolean usable(Registry registry, ContainerRuntime runtime) {
        try {
            if (!registry.healthy()) {
                return false;
            }
            runtime.version();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}

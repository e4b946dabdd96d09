package net.metacircular.mcp.adapter.podman;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import net.metacircular.mcp.port.out.HostMetrics;

/** Host readings from the JDK itself: memory and CPU load from the platform MXBean, disk from the file store. */
public final class JvmHostMetrics implements HostMetrics {
    private static final System.Logger LOG = System.getLogger(JvmHostMetrics.class.getName());
    private final com.sun.management.OperatingSystemMXBean os;

    /** Metrics of the host this JVM runs on. */
    public JvmHostMetrics() {
        this.os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }

    @Override
    public HostReading read(Path dataRoot) {
        Objects.requireNonNull(dataRoot, "'dataRoot' must not be null");
        long total = 0;
        long free = 0;
        try {
            FileStore store = Files.getFileStore(existingAncestor(dataRoot.toAbsolutePath()));
            total = store.getTotalSpace();
            free = store.getUsableSpace();
        } catch (IOException e) {
            // A status report without disk figures is better than none; the operator sees zeros.
            LOG.log(System.Logger.Level.WARNING, "cannot read the file store of {0}: {1}", dataRoot, e.getMessage());
        }
        // getCpuLoad is negative until the JVM has two samples; report 0 then.
        double cpu = Math.clamp(os.getCpuLoad() * 100.0, 0.0, 100.0);
        return new HostReading(total, free, os.getTotalMemorySize(), os.getFreeMemorySize(), cpu);
    }

    /** The data root may not exist yet; its nearest existing ancestor lies on the same file system. */
    private static Path existingAncestor(Path p) {
        Path current = p;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? p.getRoot() : current;
    }
}

package net.metacircular.mcp.port.out;

import java.nio.file.Path;

/** Reads the host's resources for NodeStatus. */
public interface HostMetrics {
    /** A reading; the disk figures are of the filesystem holding {@code dataRoot}. */
    HostReading read(Path dataRoot);

    /**
     * One reading of the host.
     *
     * @param diskTotalBytes   filesystem size
     * @param diskFreeBytes    free bytes
     * @param memoryTotalBytes physical memory
     * @param memoryFreeBytes  free physical memory
     * @param cpuUsagePercent  recent whole-host CPU load, 0–100
     */
    record HostReading(long diskTotalBytes, long diskFreeBytes, long memoryTotalBytes, long memoryFreeBytes,
                       double cpuUsagePercent) {
    }
}

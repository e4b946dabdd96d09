package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a node reports about itself.
 *
 * @param nodeName         the agent's node name
 * @param runtime          container runtime ({@code podman} or {@code fake})
 * @param runtimeVersion   its version, or why it could not be asked
 * @param serviceCount     services in the registry
 * @param componentCount   components in the registry
 * @param diskTotalBytes   size of the filesystem holding the data root
 * @param diskFreeBytes    free bytes there
 * @param memoryTotalBytes physical memory
 * @param memoryFreeBytes  free physical memory
 * @param cpuUsagePercent  recent CPU load of the whole node, 0–100
 * @param upSince          when the agent started
 * @param agentVersion     the agent's version
 */
public record NodeInfo(String nodeName, String runtime, String runtimeVersion, int serviceCount, int componentCount,
                       long diskTotalBytes, long diskFreeBytes, long memoryTotalBytes, long memoryFreeBytes,
                       double cpuUsagePercent, Instant upSince, String agentVersion) {
    public NodeInfo {
        Objects.requireNonNull(nodeName, "'nodeName' must not be null");
        Objects.requireNonNull(runtime, "'runtime' must not be null");
        Objects.requireNonNull(runtimeVersion, "'runtimeVersion' must not be null");
        Objects.requireNonNull(upSince, "'upSince' must not be null");
        Objects.requireNonNull(agentVersion, "'agentVersion' must not be null");
    }
}

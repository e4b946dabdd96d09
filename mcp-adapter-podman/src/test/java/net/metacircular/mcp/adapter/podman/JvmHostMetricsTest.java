package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.metacircular.mcp.port.out.HostMetrics.HostReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host readings from the JDK on the machine running the test. */
class JvmHostMetricsTest {
    @TempDir
    Path dir;

    @Test
    void whenRead_thenPlausibleFiguresForDiskMemoryAndCpu() {
        HostReading r = new JvmHostMetrics().read(dir);

        assertThat(r.diskTotalBytes()).isPositive();
        assertThat(r.diskFreeBytes()).isBetween(0L, r.diskTotalBytes());
        assertThat(r.memoryTotalBytes()).isPositive();
        assertThat(r.memoryFreeBytes()).isBetween(0L, r.memoryTotalBytes());
        assertThat(r.cpuUsagePercent()).isBetween(0.0, 100.0);
    }

    @Test
    void givenDataRootNotCreatedYet_whenRead_thenItsFileSystemIsMeasured() {
        HostReading existing = new JvmHostMetrics().read(dir);
        HostReading missing = new JvmHostMetrics().read(dir.resolve("not/yet/there"));

        assertThat(missing.diskTotalBytes()).isEqualTo(existing.diskTotalBytes());
    }
}

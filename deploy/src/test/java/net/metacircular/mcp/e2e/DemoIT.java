package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's demo command runs: it deploys the example two-component service and prints ps and status. */
class DemoIT {
    @Test
    void demo_deploysTheExampleService_andPrintsPsAndStatus() {
        Proc.Result r = Proc.run(Map.of("MCP_DEMO_DIST", Testbed.DIST.toString(), "JAVA_HOME", System.getProperty("java.home")),
                Duration.ofMinutes(5), Testbed.REPO, List.of("deploy/scripts/demo.sh")).assertOk();

        assertThat(r.out()).contains("hello/api: created").contains("hello/web: created");
        assertThat(r.out().lines().filter(l -> l.matches("demo\\s+hello\\s+(api|web)\\s+.*\\s+running\\s+running\\s+.*")))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(r.out()).contains("DRIFT").contains("EVENTS");
    }
}

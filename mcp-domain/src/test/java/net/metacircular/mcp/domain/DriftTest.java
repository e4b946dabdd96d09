package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftTest {
    @ParameterizedTest(name = "desired {0}, observed {1} -> drift {2}")
    @CsvSource({
            "running, running, false",
            "running, stopped, true",
            "running, exited,  true",
            "running, removed, true",
            "running, unknown, false",
            "stopped, stopped, false",
            "stopped, removed, false",
            "stopped, exited,  false",
            "stopped, running, true",
            "stopped, unknown, false",
            "ignore,  running, false",
            "ignore,  stopped, false",
            "ignore,  exited,  false",
            "ignore,  removed, false",
            "ignore,  unknown, false",
    })
    void driftTable_matchesTheDesign(String desired, String observed, boolean drift) {
        assertThat(Drift.isDrift(DesiredState.parse(desired), ObservedState.parse(observed))).isEqualTo(drift);
    }

    @ParameterizedTest
    @CsvSource({"stopped, stopped unexpectedly", "exited, crashed", "removed, container gone"})
    void runningComponent_driftReason_saysWhatHappened(String observed, String reason) {
        assertThat(Drift.reason(DesiredState.RUNNING, ObservedState.parse(observed))).contains(reason);
    }
}

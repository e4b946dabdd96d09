package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifecycleActionTest {
    @Test
    void stopAndStartSetTheDesiredState_restartLeavesItAlone() {
        assertThat(LifecycleAction.STOP.desired()).contains(DesiredState.STOPPED);
        assertThat(LifecycleAction.STOP.active()).contains(false);
        assertThat(LifecycleAction.START.desired()).contains(DesiredState.RUNNING);
        assertThat(LifecycleAction.START.active()).contains(true);
        assertThat(LifecycleAction.RESTART.desired()).isEqualTo(Optional.empty());
        assertThat(LifecycleAction.RESTART.active()).isEmpty();
    }
}

package net.metacircular.mcp.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.ObservedState;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    @Test
    void restartEveryN_expandsToCrashesAndStartsHalfAPeriodLater_inTimeOrder() {
        Scenario s = Scenario.parse("""
                from 1m to 2m restart app-web every 20s
                at 30s crash app-api 3   # comment
                from 3m to 4m unavailable
                """);

        assertThat(s.steps()).extracting(Scenario.Step::toString).containsExactly(
                "30s crash app-api", "1m crash app-web", "70s start app-web", "80s crash app-web", "90s start app-web",
                "100s crash app-web", "110s start app-web", "3m unavailable", "4m available");
        assertThat(s.steps().getFirst().exitCode()).isEqualTo(3);
    }

    @Test
    void scenarioWithMistakes_reportsEveryOneWithItsLine() {
        assertThatThrownBy(() -> Scenario.parse("""
                at soon crash app-api
                image a:1
                from 2m to 1m unavailable
                explode app-api
                """))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("line 1", "line 3", "line 4"));
    }

    @Test
    void steps_playOnTheFakeRuntime() {
        FakeRuntime rt = new FakeRuntime(() -> Instant.EPOCH);
        Scenario s = Scenario.parse("image a.example/x:1\nat 0s run box a.example/x:1\nat 1s crash box 9\n");
        s.prepare(rt);

        s.steps().forEach(step -> step.apply(rt));

        assertThat(rt.list()).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(ObservedState.EXITED));
        assertThat(rt.exitCode("box")).contains(9);
        assertThat(s.steps().get(1).at()).isEqualTo(Duration.ofSeconds(1));
    }
}

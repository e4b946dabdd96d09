package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void operatorForms_parse() {
        assertThat(Durations.parse("x", "60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("x", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("x", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("x", "2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void otherForms_nameTheFieldAndTheExpectedForm() {
        assertThatThrownBy(() -> Durations.parse("monitor.interval", "1 minute"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("monitor.interval")
                .hasMessageContaining("60s");
        assertThat(Durations.tryParse("-5s")).isEmpty();
        assertThat(Durations.tryParse("5")).isEmpty();
    }

    @Test
    void format_isTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
    }
}

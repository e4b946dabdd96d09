package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @Test
    void multiComponentService_containerName_isServiceDashComponent() {
        assertThat(Names.containerName("metacrypt", "api")).isEqualTo("metacrypt-api");
    }

    @Test
    void singleComponentNamedLikeItsService_containerName_isTheServiceName() {
        assertThat(Names.containerName("mc-proxy", "mc-proxy")).isEqualTo("mc-proxy");
    }

    @Test
    void componentOf_stripsThePrefix_andKeepsAnExactMatch() {
        assertThat(Names.componentOf("metacrypt", "metacrypt-web")).contains("web");
        assertThat(Names.componentOf("mc-proxy", "mc-proxy")).contains("mc-proxy");
        assertThat(Names.componentOf("mc", "mc-proxy")).contains("proxy");
        assertThat(Names.componentOf("mc", "mcr-api")).isEmpty();
        assertThat(Names.componentOf("mc", "mc-")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "mc-proxy", "metacrypt", "x1", "0day"})
    void validNames_haveNoProblem(String name) {
        assertThat(Names.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-rm", "Upper", "a_b", "a.b", "trailing-", "sp ace", "new\nline", "ä"})
    void unsafeNames_areRejected(String name) {
        assertThat(Names.problem(name)).isPresent();
    }

    @Test
    void overlongName_isRejected_withTheLimit() {
        assertThat(Names.problem("a".repeat(64))).hasValueSatisfying(p -> assertThat(p).contains("63"));
    }

    @Test
    void require_throwsWithTheField() {
        assertThatThrownBy(() -> Names.require("name", "--privileged"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("name: ");
    }
}

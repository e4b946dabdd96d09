package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalInfoTest {
    @Test
    void plain_hasNoColourAndNoWidthLimit() {
        assertThat(TerminalInfo.plain().colour()).isFalse();
        assertThat(TerminalInfo.plain().width()).isZero();
    }

    @Test
    void givenStdoutIsNotATerminal_detect_turnsColourOffEvenWithoutNoColor() {
        // Surefire's forked JVM has no terminal, as a pipe or a file would not.
        TerminalInfo t = TerminalInfo.detect(Map.of("TERM", "xterm-256color", "COLUMNS", "200"));

        assertThat(t.colour()).isFalse();
        assertThat(t.width()).isZero();
    }

    @Test
    void givenNoColor_detect_turnsColourOff() {
        assertThat(TerminalInfo.detect(Map.of("NO_COLOR", "1")).colour()).isFalse();
    }
}

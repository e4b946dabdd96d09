package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void givenPlainTerminal_render_alignsColumnsWithoutTrailingBlanksOrEscapes() {
        Table t = new Table(List.of("A", "LONGER", "C"), -1).row("xyz", "1", "").row("a", "22", "ccc");

        assertThat(t.render(TerminalInfo.plain())).isEqualTo("""
                A    LONGER  C
                xyz  1
                a    22      ccc
                """);
    }

    @Test
    void givenColourTerminal_render_tintsCellsAndKeepsAlignment() {
        Table t = new Table(List.of("A", "B"), -1).row(new Table.Cell("ok", Table.Tint.GREEN), Table.Cell.of("x"));

        assertThat(t.render(TerminalInfo.of(true, 0))).isEqualTo(
                "\u001b[1mA\u001b[0m   \u001b[1mB\u001b[0m\n\u001b[32mok\u001b[0m  x\n");
    }

    @Test
    void givenNarrowTerminal_render_shortensTheFlexibleColumnFromItsStart() {
        Table t = new Table(List.of("N", "IMAGE", "V"), 1).row("n", "registry.example.net/very/long/image:v1.2.3", "v1");

        String out = t.render(TerminalInfo.of(false, 30));

        assertThat(out.lines().toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(30));
        assertThat(out).contains("  …").contains("image:v1.2.3  v1");
    }

    @Test
    void givenControlCharactersFromAnAgent_render_neutralisesThem() {
        Table t = new Table(List.of("A"), -1).row("evil\u001b]0;pwned\u0007");

        assertThat(t.render(TerminalInfo.plain())).isEqualTo("A\nevil?]0;pwned?\n");
    }

    @Test
    void uptime_showsTheTwoLargestUnits() {
        assertThat(FleetView.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(FleetView.uptime(Duration.ofSeconds(320))).isEqualTo("5m20s");
        assertThat(FleetView.uptime(Duration.ofMinutes(133))).isEqualTo("2h13m");
        assertThat(FleetView.uptime(Duration.ofHours(76))).isEqualTo("3d4h");
        assertThat(FleetView.uptime(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}

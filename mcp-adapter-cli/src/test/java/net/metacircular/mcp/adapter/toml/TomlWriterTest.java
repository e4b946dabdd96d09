package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TomlWriterTest {
    private static ServiceDefinition roundTrip(ServiceDefinition def) {
        return TomlDefinitionStore.parse(TomlWriter.render(def), "written.toml", Optional.of(def.spec().name()));
    }

    @Test
    void givenTheDesignsExample_render_writesTheDesignsLayout() {
        assertThat(TomlWriter.render(TomlDefinitionStoreTest.METACRYPT_DEF)).isEqualTo(TomlDefinitionStoreTest.METACRYPT);
    }

    @Test
    void givenTheDesignsExample_render_readsBackEqual() {
        assertThat(roundTrip(TomlDefinitionStoreTest.METACRYPT_DEF)).isEqualTo(TomlDefinitionStoreTest.METACRYPT_DEF);
    }

    @Test
    void givenInactiveServiceWithDefaults_render_omitsEmptyFields() {
        ServiceDefinition def = new ServiceDefinition("rift",
                new ServiceSpec("mc-proxy", false, List.of(ComponentSpec.of("mc-proxy", "mcr.example.net/mc-proxy:v1"))));

        assertThat(TomlWriter.render(def)).isEqualTo("""
                name = "mc-proxy"
                node = "rift"
                active = false

                [[components]]
                name = "mc-proxy"
                image = "mcr.example.net/mc-proxy:v1"
                """);
        assertThat(roundTrip(def)).isEqualTo(def);
    }

    @Test
    void givenAwkwardValues_render_readsBackEqual() {
        // Control characters are covered below: validation rejects them in cmd and env.
        List<String> cmd = List.of("say \"hi\"", "C:\\path\\to", "back\\\"slash-quote", "é日本😀", "-rf", "--flag=x",
                "a # not a comment", "[brackets]", "comma, inside", "key = value", "'single'", "\"\"\"", "trailing\\", "",
                "it's C:\\x", "a\\\\b", "\\t is not a tab", "\\u0041", "\\");
        List<String> env = List.of("QUOTE=\"x\"", "PATH=C:\\bin", "UNI=ünïcødé", "DASH=-x", "EMPTY=");
        ServiceDefinition def = new ServiceDefinition("rift", new ServiceSpec("svc", true, List.of(
                new ComponentSpec("api", "registry.test/svc:v1", "", "", "", List.of(), List.of(), cmd, env))));

        assertThat(roundTrip(def)).isEqualTo(def);
        assertThat(TomlWriter.render(def)).contains("'C:\\path\\to'", "\'\'\'it's C:\\x\'\'\'", "\"say \\\"hi\\\"\"");
    }

    @Test
    void givenAValueToml4jCannotCarry_render_refusesRatherThanWritingSomethingElse() {
        ServiceDefinition def = new ServiceDefinition("rift", new ServiceSpec("svc", true, List.of(
                new ComponentSpec("api", "registry.test/svc:v1", "", "", "", List.of(), List.of(), List.of("'\\'"), List.of()))));

        assertThatThrownBy(() -> TomlWriter.render(def)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toml4j cannot read such a value back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "nl\nx", "cr\rx", "nul\u0000x", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085",
            "bs\bx", "ff\fx"})
    void givenControlCharacters_quote_escapesThemSoToml4jReadsThemBack(String value) {
        List<Problem> problems = new ArrayList<>();
        String text = "v = " + TomlWriter.quote(value) + "\n";

        String read = TomlFields.parse(text, problems).map(t -> t.string("v", "?")).orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(text).matches("v = \"[\\x20-\\x7e]*\"\n");
        assertThat(read).isEqualTo(value);
    }

    @Test
    void givenManyArguments_render_breaksTheArrayOverLinesAndReadsBackEqual() {
        List<String> cmd = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cmd.add("--option-" + i + "=value-" + i);
        }
        ServiceDefinition def = new ServiceDefinition("rift", new ServiceSpec("svc", true, List.of(
                new ComponentSpec("api", "registry.test/svc:v1", "", "", "", List.of(), List.of(), cmd, List.of()))));

        String text = TomlWriter.render(def);

        assertThat(text).contains("cmd = [\n  \"--option-0=value-0\",\n").contains("  \"--option-19=value-19\"\n]\n");
        assertThat(roundTrip(def)).isEqualTo(def);
    }

    @Test
    void render_isStable() {
        assertThat(TomlWriter.render(TomlDefinitionStoreTest.METACRYPT_DEF))
                .isEqualTo(TomlWriter.render(roundTrip(TomlDefinitionStoreTest.METACRYPT_DEF)));
    }
}

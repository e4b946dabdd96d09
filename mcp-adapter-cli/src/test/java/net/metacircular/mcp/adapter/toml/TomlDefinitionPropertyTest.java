package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.SpecValidation;

/**
 * Service-definition parsing under generated input: valid definitions round-trip through {@link TomlWriter}, and
 * any text at all, mutated definitions included, either parses into a valid definition or is refused with
 * {@link InvalidInputException} whose every problem names where it is.
 */
class TomlDefinitionPropertyTest {
    private static final String SOURCE = "gen.toml";

    @Property(seed = "7401", tries = 300)
    void generatedValidDefinitions_roundTripThroughTheWriter(@ForAll("definitions") ServiceDefinition def) {
        assertThat(SpecValidation.validate(def)).isEmpty();

        String text = TomlWriter.render(def);

        assertThat(TomlDefinitionStore.parse(text, SOURCE, Optional.of(def.spec().name()))).isEqualTo(def);
        assertThat(TomlWriter.render(TomlDefinitionStore.parse(text, SOURCE, Optional.empty()))).isEqualTo(text);
    }

    @Property(seed = "7402", tries = 500)
    void mutatedDefinitions_parseValidOrAreRefusedWithFieldPaths(@ForAll("definitions") ServiceDefinition def,
                                                                @ForAll("mutations") List<Mutation> mutations) {
        String text = TomlWriter.render(def);
        for (Mutation m : mutations) {
            text = m.apply(text);
        }

        judged(text);
    }

    @Property(seed = "7403", tries = 300)
    void arbitraryText_parsesValidOrIsRefusedWithFieldPaths(@ForAll("texts") String text) {
        judged(text);
    }

    /** Parses {@code text}: a valid definition, or every problem located in the source; nothing else. */
    private static void judged(String text) {
        ServiceDefinition parsed;
        try {
            parsed = TomlDefinitionStore.parse(text, SOURCE, Optional.empty());
        } catch (InvalidInputException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(TomlDefinitionPropertyTest::located);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail("parse threw " + e + " for:\n" + text, e);
            return;
        }
        assertThat(SpecValidation.validate(parsed)).as("accepted definition of:\n%s", text).isEmpty();
    }

    private static void located(Problem p) {
        assertThat(p.field()).as("field path of %s", p).isNotBlank().startsWith(SOURCE);
        assertThat(p.message()).isNotBlank();
    }

    /** One edit of a definition's text. */
    record Mutation(int kind, int at, String text) {
        String apply(String s) {
            int i = s.isEmpty() ? 0 : Math.floorMod(at, s.length() + 1);
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int line = Math.floorMod(at, lines.size());
            return switch (kind) {
                case 0 -> s.substring(0, i) + text + s.substring(i);
                case 1 -> i >= s.length() ? s : s.substring(0, i) + s.substring(Math.min(s.length(), i + 1 + text.length()));
                case 2 -> s.substring(0, i);
                case 3 -> {
                    lines.add(line, lines.get(line));
                    yield String.join("\n", lines);
                }
                case 4 -> {
                    lines.remove(line);
                    yield String.join("\n", lines);
                }
                default -> {
                    // replace a value: whatever follows the first " = " on a line
                    String l = lines.get(line);
                    int eq = l.indexOf(" = ");
                    lines.set(line, eq < 0 ? l + text : l.substring(0, eq + 3) + text);
                    yield String.join("\n", lines);
                }
            };
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> inserts = Arbitraries.oneOf(
                Arbitraries.of("\"", "'", "[", "]", "[[components]]\n", "=", "\n", "\\", "\0", "#", "{", "}", ",",
                        "\"\"\"", "'''", "true", "1", "1979-05-27T07:32:00Z", "3.5", "[]", "[1, \"a\"]", "{a = 1}",
                        "-rf", "../", "\u202e", "\u0085", "x = 1\n", "name = \"dup\"\n", "[components]\n",
                        "[[components.x]]\n", "a.b = 1\n", "\"\\u0000\"", "\"\\uD800\""),
                Arbitraries.strings().ofMaxLength(6));
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 5000), inserts)
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> tomlish = Arbitraries.of("name = \"svc\"\n", "node = \"rift\"\n", "active = true\n",
                "[[components]]\n", "image = \"img:v1\"\n", "ports = [\"1:2\"]\n", "name = 1\n", "env = [1]\n",
                "components = 3\n", "[components]\n", "x = [[1]]\n", "\"", "[", "]", "\n", "=", "'''", "\"\"\"",
                "a = {b = 1}\n", "# c\n", "cmd = [\"\\\\\", \"'\"]\n").list().ofMaxSize(12).map(l -> String.join("", l));
        return Arbitraries.oneOf(tomlish, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("[]=\"'\n{}.,#\\ab1 ").ofMaxLength(120));
    }

    @Provide
    Arbitrary<ServiceDefinition> definitions() {
        Arbitrary<List<ComponentSpec>> components = component().list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(ComponentSpec::name);
        return Combinators.combine(names(), names(), Arbitraries.of(true, false), components)
                .as((node, name, active, cs) -> new ServiceDefinition(node, new ServiceSpec(name, active, cs)));
    }

    private Arbitrary<ComponentSpec> component() {
        Arbitrary<String> image = Combinators.combine(Arbitraries.of("", "127.0.0.1:45000/", "mcr.example.net/"),
                Arbitraries.of("busybox", "mcp-test/web", "library/a_b", "x.y-z"),
                Arbitraries.of("", ":v1", ":1.2.3", ":latest")).as((r, p, t) -> r + p + t);
        Arbitrary<String> network = Arbitraries.of("", "mcp", "podman", "net_1.a-b");
        Arbitrary<String> user = Arbitraries.of("", "1000", "1000:1000", "nobody", "0:0");
        Arbitrary<String> restart = Arbitraries.of("", "no", "always", "unless-stopped", "on-failure", "on-failure:3");
        Arbitrary<List<String>> ports = Combinators.combine(Arbitraries.of("", "127.0.0.1:", "[::1]:"),
                Arbitraries.integers().between(1, 65535), Arbitraries.integers().between(1, 65535),
                Arbitraries.of("", "/tcp", "/udp")).as((ip, h, c, proto) -> ip + h + ":" + c + proto).list().ofMaxSize(3);
        Arbitrary<List<String>> volumes = Combinators.combine(Arbitraries.of("/srv/svc", "data", "/a b/c"),
                Arbitraries.of("/data", "/etc/x"), Arbitraries.of("", ":ro", ":rw,Z", ":z"))
                .as((s, d, o) -> s + ":" + d + o).list().ofMaxSize(3);
        Arbitrary<List<String>> cmd = printable().list().ofMaxSize(5);
        Arbitrary<List<String>> env = Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').withChars('_')
                .ofMinLength(1).ofMaxLength(8), printable()).as((k, v) -> k + "=" + v).list().ofMaxSize(4);
        return Combinators.combine(names(), image, network, user, restart, ports, volumes, Combinators.combine(cmd, env)
                .as(List::of)).as((n, i, net, u, r, p, v, ce) -> new ComponentSpec(n, i, net, u, r, p, v, ce.get(0), ce.get(1)));
    }

    /** Printable text with everything TOML treats specially: quotes, backslashes, '#', '=', brackets, non-ASCII. */
    private static Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("éü€\u00a0\u4e2d").ofMaxLength(24)
                // the writer documents one refusal: a backslash together with a single quote at an end or '''
                .filter(s -> s.indexOf('\\') < 0 || !(s.startsWith("'") || s.endsWith("'") || s.contains("'''")));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMinLength(1)
                .ofMaxLength(20).filter(s -> !s.startsWith("-") && !s.endsWith("-"));
    }
}

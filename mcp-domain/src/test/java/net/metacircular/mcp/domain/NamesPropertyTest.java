package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Name validation under generated input: it never throws, and what it accepts is safe as a file name and an argv. */
class NamesPropertyTest {
    @Property(seed = "7101", tries = 500)
    void anyText_isJudgedWithoutThrowing_andAcceptedNamesAreSafe(@ForAll("hostile") String name) {
        boolean valid = Names.isValid(name);

        assertThat(valid).isEqualTo(name.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?") && name.length() <= Names.MAX_LENGTH);
        if (valid) {
            assertThat(name).doesNotStartWith("-").doesNotContain("/", ".", "\0");
            assertThat(Text.hasControl(name)).isFalse();
        } else {
            assertThatThrownBy(() -> Names.require("components[0].name", name))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("components[0].name")));
            // the message quotes the name safely: no raw control character reaches a terminal or a log line
            assertThat(Text.hasControl(Names.problem(name).orElseThrow())).isFalse();
        }
    }

    @Property(seed = "7102", tries = 300)
    void generatedValidNames_areAccepted_andTheirContainerNamesStaySafe(@ForAll("valid") String service,
                                                                         @ForAll("valid") String component) {
        assertThat(Names.isValid(service)).isTrue();
        String container = Names.containerName(service, component);

        assertThat(container).doesNotStartWith("-").hasSizeLessThanOrEqualTo(2 * Names.MAX_LENGTH + 1);
        assertThat(Text.hasControl(container)).isFalse();
        assertThat(Names.componentOf(service, container)).contains(component);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(HostileText.strings(80), valid(), valid().map(n -> "-" + n), valid().map(n -> n + "\n"),
                Arbitraries.strings().ofMinLength(60).ofMaxLength(70).withChars("abc-"));
    }

    @Provide
    Arbitrary<String> valid() {
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMaxLength(Names.MAX_LENGTH - 2);
        return net.jqwik.api.Combinators.combine(edge, middle, edge, Arbitraries.integers().between(0, 2))
                .as((a, m, b, shape) -> switch (shape) {
                    case 0 -> String.valueOf(a);
                    case 1 -> "" + a + b;
                    default -> a + m + b;
                });
    }
}

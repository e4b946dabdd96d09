package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Image-reference parsing under generated input: never a stray exception, and an accepted reference is argv-safe. */
class ImageRefPropertyTest {
    @Property(seed = "7201", tries = 600)
    void anyText_isJudgedWithoutThrowing_andAnAcceptedReferenceIsSafeAndSplitsLosslessly(@ForAll("hostile") String ref) {
        boolean valid = ImageRef.check(ref).isEmpty();
        ImageRef.versionOf(ref);

        if (valid) {
            ImageRef parsed = ImageRef.parse("components[0].image", ref);
            assertThat(ref).doesNotStartWith("-").hasSizeLessThanOrEqualTo(ImageRef.MAX_LENGTH);
            assertThat(Text.hasControl(ref)).isFalse();
            assertThat(ref.chars().noneMatch(Character::isWhitespace)).isTrue();
            assertThat(parsed.repository()).isNotEmpty();
            assertThat(join(parsed)).isEqualTo(ref);
        } else {
            assertThatThrownBy(() -> ImageRef.parse("components[0].image", ref))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("components[0].image");
                                assertThat(Text.hasControl(p.message())).isFalse();
                            }));
        }
    }

    @Property(seed = "7202", tries = 400)
    void generatedWellFormedReferences_areAccepted_withTheirParts(@ForAll("registries") String registry,
                                                                 @ForAll("repositories") String repository,
                                                                 @ForAll("tags") String tag,
                                                                 @ForAll("digests") String digest) {
        String ref = (registry.isEmpty() ? "" : registry + "/") + repository + (tag.isEmpty() ? "" : ":" + tag)
                + (digest.isEmpty() ? "" : "@" + digest);

        ImageRef parsed = ImageRef.parse("image", ref);

        assertThat(parsed).isEqualTo(new ImageRef(registry, repository, tag, digest));
        assertThat(parsed.version()).isNotEmpty();
    }

    @Property(seed = "7203", tries = 300)
    void aWellFormedReference_withADashInFrontOrAControlOrSpaceInside_isRefused(@ForAll("repositories") String repository,
                                                                                @ForAll("poison") String poison,
                                                                                @ForAll("positions") int at) {
        String ref = "127.0.0.1:45000/" + repository + ":v1";
        int cut = Math.min(at, ref.length());
        String bad = poison.equals("-") ? "-" + ref : ref.substring(0, cut) + poison + ref.substring(cut);

        assertThat(ImageRef.check(bad)).isPresent();
    }

    private static String join(ImageRef r) {
        return (r.registry().isEmpty() ? "" : r.registry() + "/") + r.repository()
                + (r.tag().isEmpty() ? "" : ":" + r.tag()) + (r.digest().isEmpty() ? "" : "@" + r.digest());
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> wellFormed = Combinators.combine(registries(), repositories(), tags())
                .as((g, r, t) -> (g.isEmpty() ? "" : g + "/") + r + (t.isEmpty() ? "" : ":" + t));
        return Arbitraries.oneOf(HostileText.strings(60), wellFormed,
                Combinators.combine(wellFormed, HostileText.strings(4)).as((w, s) -> w + s),
                Combinators.combine(HostileText.strings(4), wellFormed).as((s, w) -> s + w),
                Arbitraries.strings().withChars("ab:/@.-_").ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> registries() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("localhost"), Arbitraries.just("127.0.0.1:45000"),
                Combinators.combine(label, label).as((a, b) -> a + "." + b),
                Combinators.combine(label, label, Arbitraries.integers().between(1, 65535)).as((a, b, p) -> a + "." + b + ":" + p));
    }

    @Provide
    Arbitrary<String> repositories() {
        Arbitrary<String> part = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("", ".", "_", "__", "-", "--"),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(6))
                .as((a, sep, b) -> sep.isEmpty() ? a : a + sep + b);
        // a first part that looks like a host (has a dot) would be read as the registry; keep it dot-free
        return part.list().ofMinSize(1).ofMaxSize(3)
                .filter(parts -> !parts.getFirst().contains(".") && !parts.getFirst().equals("localhost"))
                .map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.oneOf(Arbitraries.just(""), Combinators.combine(
                Arbitraries.chars().range('a', 'z').range('A', 'Z').range('0', '9').with('_'),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("._-").ofMaxLength(20))
                .as((first, rest) -> first + rest));
    }

    @Provide
    Arbitrary<String> digests() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h));
    }

    @Provide
    Arbitrary<String> poison() {
        return Arbitraries.of("-", "\0", "\n", "\r", "\t", " ", "\u0001", "\u001b", "\u007f", "\u0085");
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 40);
    }
}

package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * File-path resolution as text, under generated input: whatever the operator or a client sends, an accepted path
 * resolves inside the service's directory, and a refusal is always {@link InvalidInputException} on {@code path}.
 */
class ServiceFilePathPropertyTest {
    private static final Path SERVICE_DIR = Path.of("/srv/mcr");

    @Property(seed = "7301", tries = 1000)
    void noAcceptedPath_resolvesOutsideTheServiceDirectory(@ForAll("paths") String path) {
        List<Problem> problems = ServiceFilePath.problems("mcr", path);

        if (problems.isEmpty()) {
            ServiceFilePath p = ServiceFilePath.parse("mcr", path);
            Path resolved = SERVICE_DIR.resolve(p.relative()).normalize();
            // Path.startsWith compares names, without touching the disk
            assertThat(resolved.startsWith(SERVICE_DIR)).as("%s resolves to %s", path, resolved).isTrue();
            assertThat(resolved).isNotEqualTo(SERVICE_DIR);
            assertThat(resolved.getNameCount()).isEqualTo(SERVICE_DIR.getNameCount() + p.segments().size());
            assertThat(p.relative()).isEqualTo(path);
            assertThat(p.segments()).doesNotContain("", ".", "..");
            assertThat(Text.hasControl(path)).isFalse();
            assertThat(path.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ServiceFilePath.MAX_PATH_BYTES);
        } else {
            assertThat(problems).allSatisfy(q -> assertThat(q.field()).isEqualTo("path"));
            assertThatThrownBy(() -> ServiceFilePath.parse("mcr", path)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Property(seed = "7302", tries = 500)
    void aPathWithADotDotEmptyOrDotSegmentAnywhere_isRefused(@ForAll("segments") List<String> before,
                                                             @ForAll("badSegments") String bad,
                                                             @ForAll("segments") List<String> after) {
        String path = String.join("/", concat(before, bad, after));

        assertThat(ServiceFilePath.problems("mcr", path)).isNotEmpty()
                .allSatisfy(q -> assertThat(q.field()).isEqualTo("path"));
    }

    @Property(seed = "7303", tries = 300)
    void anyServiceName_thatIsNotAValidName_isRefusedOnTheServiceField(@ForAll("hostileNames") String service) {
        List<Problem> problems = ServiceFilePath.problems(service, "certs/a.pem");

        assertThat(problems.isEmpty()).isEqualTo(Names.isValid(service));
        assertThat(problems).allSatisfy(q -> assertThat(q.field()).isEqualTo("service"));
    }

    private static List<String> concat(List<String> a, String b, List<String> c) {
        List<String> out = new java.util.ArrayList<>(a);
        out.add(b);
        out.addAll(c);
        return out;
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("..", ".", "", "certs", "a.pem", "...", ".hidden",
                "..a", "a..", "-rf", "~", "%2e%2e", "..\0", "\0", "a\nb", "\u202e"), HostileText.strings(12));
        Arbitrary<String> joined = segment.list().ofMinSize(1).ofMaxSize(8).map(s -> String.join("/", s));
        return Arbitraries.oneOf(joined, joined.map(p -> "/" + p), HostileText.strings(40),
                Arbitraries.strings().withChars("a/").ofMinLength(1000).ofMaxLength(1100),
                Arbitraries.strings().withChars("a").ofMinLength(250).ofMaxLength(260));
    }

    @Provide
    Arbitrary<List<String>> segments() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(".-_").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals("..")).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> badSegments() {
        return Arbitraries.of("..", ".", "");
    }

    @Provide
    Arbitrary<String> hostileNames() {
        return Arbitraries.oneOf(HostileText.strings(20), Arbitraries.of("mcr", "..", ".", "a/b", "-x", "MCR", "mcr\0"));
    }
}

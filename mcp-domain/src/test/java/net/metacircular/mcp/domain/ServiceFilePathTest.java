package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceFilePathTest {
    @Test
    void givenANestedRelativePath_parse_keepsItsSegments() {
        ServiceFilePath p = ServiceFilePath.parse("mcr", "certs/mcr.pem");

        assertThat(p.segments()).containsExactly("certs", "mcr.pem");
        assertThat(p.parents()).containsExactly("certs");
        assertThat(p.fileName()).isEqualTo("mcr.pem");
        assertThat(p).hasToString("mcr/certs/mcr.pem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "..", "a/..", "x/../y"})
    void givenDotDotAnywhere_parse_isRefused(String path) {
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", path))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("path: ").hasMessageContaining("\"..\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/", "/srv/mcr/x"})
    void givenAnAbsolutePath_parse_isRefused(String path) {
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", path))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\0b", "a\nb", "certs/\u0001x", "x\u007f"})
    void givenAControlCharacterOrNul_parse_isRefused(String path) {
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", path))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "a/", "./a", "a/./b"})
    void givenEmptyOrDotSegments_parse_isRefused(String path) {
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", path)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void givenAnOverlongPathOrSegment_parse_isRefused() {
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", "a/".repeat(600) + "b"))
                .hasMessageContaining("longer than 1024 bytes");
        assertThatThrownBy(() -> ServiceFilePath.parse("mcr", "x".repeat(256)))
                .hasMessageContaining("segment longer than 255 bytes");
        assertThat(ServiceFilePath.parse("mcr", "x".repeat(255)).fileName()).hasSize(255);
    }

    @Test
    void givenABadServiceAndABadPath_problems_reportsBothWithFieldPaths() {
        List<Problem> problems = ServiceFilePath.problems("../etc", "/etc/passwd");

        assertThat(problems).extracting(Problem::field).containsExactly("service", "path");
    }

    @Test
    void defaultMode_isPrivateUnderCertsOnly() {
        assertThat(ServiceFilePath.parse("mcr", "certs/a.pem").defaultMode()).isEqualTo(0600);
        assertThat(ServiceFilePath.parse("mcr", "certs/sub/a.pem").defaultMode()).isEqualTo(0600);
        assertThat(ServiceFilePath.parse("mcr", "mcr.toml").defaultMode()).isEqualTo(0644);
        // a file called "certs" at the top is not "under certs/"
        assertThat(ServiceFilePath.parse("mcr", "certs").defaultMode()).isEqualTo(0644);
    }

    @Test
    void fileContent_refusesOversizeAndSetIdModes() {
        assertThat(FileContent.tooLarge(FileContent.MAX_BYTES)).isEmpty();
        assertThat(FileContent.tooLarge(FileContent.MAX_BYTES + 1L)).get().asString().contains("4128768");
        assertThat(FileContent.modeProblem(04755)).isPresent();
        assertThat(FileContent.modeProblem(0640)).isEmpty();
        assertThat(FileContent.octal(0600)).isEqualTo("0600");
    }
}

package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "mcr.svc.mcp.metacircular.net:8443/metacrypt:v1.7.0, v1.7.0",
            "127.0.0.1:45000/mcp-test/busybox:v2, v2",
            "busybox, latest",
            "localhost/x/y:1.0-rc.1, 1.0-rc.1",
            "registry:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, @0123456789ab",
    })
    void version_isReadOffTheTag(String ref, String version) {
        assertThat(ImageRef.versionOf(ref)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource({
            "registry:5000/app:v1, registry:5000, app, v1",
            "library/busybox, '', library/busybox, ''",
            "[::1]:5000/a/b:c, '[::1]:5000', a/b, c",
    })
    void parse_splitsRegistryRepositoryAndTag(String ref, String registry, String repo, String tag) {
        ImageRef r = ImageRef.parse("image", ref);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.repository()).isEqualTo(repo);
        assertThat(r.tag()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-v", "--privileged", "UPPER/case", "a b", "app:", "app@", "app:bad tag", "a\u0000b", "a//b"})
    void invalidReferences_areRejected(String ref) {
        assertThat(ImageRef.check(ref)).isPresent();
    }
}

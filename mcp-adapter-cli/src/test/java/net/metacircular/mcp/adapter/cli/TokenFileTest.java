package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.port.out.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    @TempDir
    Path dir;

    @Test
    void save_writesTheTokenAndExpiryWithMode0600_andReadsThemBack() throws IOException {
        TokenFile file = new TokenFile(dir.resolve("sub/token"));
        IssuedToken token = new IssuedToken("abc.def", Optional.of(Instant.parse("2026-03-01T13:00:00Z")));

        file.save(token);

        Path p = dir.resolve("sub/token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        assertThat(Files.readString(p)).isEqualTo("abc.def\nexpires_at=2026-03-01T13:00:00Z\n");
        assertThat(file.read()).contains(token);
        try (var list = Files.list(dir.resolve("sub"))) {
            assertThat(list).hasSize(1);
        }
    }

    @Test
    void givenAnExistingGroupReadableFile_save_replacesItWithAn0600One() throws IOException {
        Path p = dir.resolve("token");
        Files.writeString(p, "old\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));

        new TokenFile(p).save(new IssuedToken("new", Optional.empty()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        assertThat(Files.readString(p)).isEqualTo("new\n");
    }

    @Test
    void givenAFileReadableByOthers_read_refusesItWithAClearMessage() throws IOException {
        Path p = dir.resolve("token");
        Files.writeString(p, "tok\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new TokenFile(p).read())
                .isInstanceOf(PreconditionException.class)
                .hasMessageContaining("readable or writable by others").hasMessageContaining("chmod 600 " + p)
                .hasMessageNotContaining("tok\n");
    }

    @Test
    void givenAPlainTokenFile_read_hasNoExpiry() throws IOException {
        Path p = dir.resolve("token");
        Files.writeString(p, "tok\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));

        assertThat(new TokenFile(p).read()).contains(new IssuedToken("tok", Optional.empty()));
    }

    @Test
    void delete_removesTheFile_andSaysWhetherThereWasOne() {
        TokenFile file = new TokenFile(dir.resolve("token"));
        file.save(new IssuedToken("tok", Optional.empty()));

        assertThat(file.delete()).isTrue();
        assertThat(file.delete()).isFalse();
        assertThat(file.read()).isEmpty();
    }
}

package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The real jline prompter over a scripted terminal: what the operator types is read, and a secret is never echoed. */
class JLinePrompterTest {
    private static Terminal scripted(String typed, ByteArrayOutputStream screen) throws Exception {
        // typed one key at a time, as a person does: jline redraws only when no input is pending
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        Thread typist = new Thread(() -> {
            try {
                for (byte b : typed.getBytes(StandardCharsets.UTF_8)) {
                    Thread.sleep(15);
                    keys.write(b);
                    keys.flush();
                }
            } catch (Exception e) {
                // the test's assertions report what was missing
            }
        });
        typist.setDaemon(true);
        typist.start();
        // a dumb terminal emulates echo itself, so what reaches the screen is exactly what jline chose to show
        Terminal t = new DumbTerminal("scripted", "xterm", in, screen, StandardCharsets.UTF_8);
        t.setSize(new Size(80, 24));
        return t;
    }

    @Test
    void readSecret_returnsWhatWasTyped_withoutEchoingIt() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = scripted("s3cret-Passw0rd\n", screen)) {
            char[] secret = JLinePrompter.over(t, InputStream.nullInputStream()).readSecret("Password for kyle: ");

            assertThat(new String(secret)).isEqualTo("s3cret-Passw0rd");
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("Password for kyle: ").doesNotContain("s3cret").doesNotContain("*");
    }

    @Test
    void readLine_echoesWhatWasTyped() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = scripted("123456\n", screen)) {
            assertThat(JLinePrompter.over(t, InputStream.nullInputStream()).readLine("TOTP code: ")).isEqualTo("123456");
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("123456");
    }
}

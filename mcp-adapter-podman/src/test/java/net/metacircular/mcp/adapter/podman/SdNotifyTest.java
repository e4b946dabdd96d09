package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {
    @Test
    void withoutNotifySocket_sendsNothing() {
        assertThat(new SdNotify(Map.of()).send("READY=1")).isFalse();
    }

    @Test
    void ready_isOneDatagramOnTheNotifySocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("notify.sock");
        Path got = dir.resolve("got");
        // A receiver the way systemd is one: a Unix datagram socket bound to the path (python3 ships with Debian).
        Process receiver = new ProcessBuilder(List.of("python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                open(sys.argv[1] + '.bound', 'w').close()
                s.settimeout(20)
                data = s.recv(4096)
                open(sys.argv[2], 'wb').write(data)
                """, sock.toString(), got.toString())).inheritIO().start();
        Path bound = Path.of(sock + ".bound");
        for (int i = 0; i < 200 && !Files.exists(bound); i++) {
            Thread.sleep(25);
        }

        boolean sent = new SdNotify(Map.of("NOTIFY_SOCKET", sock.toString())).send("READY=1\nSTATUS=serving");

        assertThat(sent).isTrue();
        assertThat(receiver.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(got, StandardCharsets.UTF_8)).isEqualTo("READY=1\nSTATUS=serving");
    }
}

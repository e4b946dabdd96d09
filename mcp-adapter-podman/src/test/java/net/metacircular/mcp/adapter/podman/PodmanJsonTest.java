package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.metacircular.mcp.adapter.podman.PodmanJson.ImageDefaults;
import net.metacircular.mcp.adapter.podman.PodmanJson.Inspected;
import net.metacircular.mcp.adapter.podman.PodmanJson.MalformedOutputException;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ObservedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of JSON captured from the real podman 4.3.1 (see src/test/resources/podman/README.md). */
class PodmanJsonTest {
    private static final String WEB_ID = "cdf8e8457470436a3370c2feb4aea8964b74464e23c094c6122f71e86ffeef4d";
    private static final String V1_ID = "10ae2c4ca4683be77dac6c6af520966d980075fb941396553a15bbf021cd0f27";
    private static final String V2_ID = "5779a50c1b51ef8e647530edd1afd9f6a9a239241614567bfb7d79abbf0e748e";

    @Test
    void givenCapturedPs_whenParsed_thenEveryContainerWithStateAndStart() {
        List<ContainerInfo> all = PodmanJson.containers(resource("ps.json"));

        assertThat(all).extracting(ContainerInfo::name).containsExactly("cap-web", "cap-done", "cap-created");
        ContainerInfo web = all.get(0);
        assertThat(web.id()).isEqualTo(WEB_ID);
        assertThat(web.image()).isEqualTo("127.0.0.1:45000/mcp-test/busybox:v1");
        assertThat(web.imageId()).isEqualTo(V1_ID);
        assertThat(web.state()).isEqualTo(ObservedState.RUNNING);
        assertThat(web.started()).isEqualTo(Instant.parse("2026-11-26T01:33:27Z"));
        assertThat(all.get(1).state()).isEqualTo(ObservedState.EXITED);
        assertThat(all.get(1).imageId()).isEqualTo(V2_ID);
        assertThat(all.get(2).state()).isEqualTo(ObservedState.STOPPED);
        assertThat(all.get(2).startedAt()).as("never started: Go's zero time").isEmpty();
    }

    @Test
    void givenEmptyPs_whenParsed_thenNoContainers() {
        assertThat(PodmanJson.containers(resource("ps-empty.json"))).isEmpty();
    }

    @Test
    void givenRunningInspect_whenMappedWithItsImage_thenSpecHoldsOnlyWhatWasGiven() {
        Inspected c = PodmanJson.container(resource("container-inspect-running.json")).orElseThrow();
        ImageDefaults image = PodmanJson.image(resource("image-inspect-v1.json")).orElseThrow();

        ContainerDetails d = PodmanJson.details(c, image);

        assertThat(d.info().id()).isEqualTo(WEB_ID);
        assertThat(d.info().name()).isEqualTo("cap-web");
        assertThat(d.info().imageId()).isEqualTo(V1_ID);
        assertThat(d.info().state()).isEqualTo(ObservedState.RUNNING);
        assertThat(d.info().started()).as("whole seconds, like ps").isEqualTo(Instant.parse("2026-11-26T01:33:27Z"));
        ComponentSpec s = d.spec();
        assertThat(s.name()).isEqualTo("cap-web");
        assertThat(s.image()).isEqualTo("127.0.0.1:45000/mcp-test/busybox:v1");
        assertThat(s.network()).isEqualTo("podman");
        assertThat(s.user()).isEqualTo("65534:65534");
        assertThat(s.restart()).isEqualTo("always");
        assertThat(s.ports()).containsExactly("127.0.0.1:18080:8080");
        assertThat(s.volumes()).containsExactly("/tmp/cap/www:/www:ro", "/tmp/cap:/data");
        assertThat(s.cmd()).containsExactly("httpd", "-f", "-p", "8080", "-h", "/www");
        // PATH comes from the image; container, TERM, HOME and HOSTNAME are podman's own.
        assertThat(s.env()).containsExactly("GREETING=hello", "X=-v");
    }

    @Test
    void givenExitedInspect_whenMapped_thenExitedWithItsCommandAndEnv() {
        Inspected c = PodmanJson.container(resource("container-inspect-exited.json")).orElseThrow();
        ImageDefaults image = PodmanJson.image(resource("image-inspect-v2.json")).orElseThrow();

        ContainerDetails d = PodmanJson.details(c, image);

        assertThat(d.info().state()).isEqualTo(ObservedState.EXITED);
        assertThat(d.info().imageId()).isEqualTo(V2_ID);
        assertThat(d.spec().cmd()).containsExactly("sh", "-c", "exit 3");
        assertThat(d.spec().env()).containsExactly("MODE=once");
        assertThat(d.spec().user()).isEmpty();
        assertThat(d.spec().restart()).isEmpty();
        assertThat(d.spec().ports()).isEmpty();
        assertThat(d.spec().volumes()).isEmpty();
    }

    @Test
    void givenCreatedWithTheImageDefaults_whenMapped_thenSpecIsBare() {
        Inspected c = PodmanJson.container(resource("container-inspect-created.json")).orElseThrow();
        ImageDefaults image = PodmanJson.image(resource("image-inspect-v1.json")).orElseThrow();

        ContainerDetails d = PodmanJson.details(c, image);

        assertThat(d.info().state()).isEqualTo(ObservedState.STOPPED);
        assertThat(d.info().startedAt()).isEmpty();
        assertThat(d.spec().cmd()).as("the image's own CMD is not part of the spec").isEmpty();
        assertThat(d.spec().env()).isEmpty();
    }

    @Test
    void givenUnknownImage_whenMapped_thenOnlyPodmansOwnVariablesAreDropped() {
        Inspected c = PodmanJson.container(resource("container-inspect-running.json")).orElseThrow();

        ComponentSpec s = PodmanJson.details(c, ImageDefaults.NONE).spec();

        assertThat(s.env()).containsExactly("GREETING=hello", "PATH=/bin", "X=-v");
        assertThat(s.cmd()).containsExactly("httpd", "-f", "-p", "8080", "-h", "/www");
    }

    @Test
    void givenCreateCommandSettingHome_whenMapped_thenHomeIsKept() {
        Inspected c = PodmanJson.container(resource("container-inspect-running.json")).orElseThrow();
        Inspected withHome = new Inspected(c.info(), c.network(), c.user(), c.restart(), c.ports(), c.volumes(), c.cmd(),
                c.env(), c.hostname(), List.of("podman", "run", "--env=HOME=/nonexistent", "img"));

        assertThat(PodmanJson.details(withHome, ImageDefaults.NONE).spec().env()).contains("HOME=/nonexistent");
    }

    @Test
    void givenCreateCommands_whenEnvNamesRead_thenEveryFlagFormIsFound() {
        assertThat(PodmanJson.explicitEnvNames(List.of("podman", "run", "-e", "A=1", "--env", "B", "-e=C=3",
                "--env=D=-v", "img", "-e", "E=not-a-flag-but-counted"))).contains("A", "B", "C", "D");
    }

    @Test
    void givenImageInspect_whenParsed_thenIdEnvCmdUser() {
        ImageDefaults image = PodmanJson.image(resource("image-inspect-v1.json")).orElseThrow();

        assertThat(image.id()).isEqualTo(V1_ID);
        assertThat(image.env()).containsExactly("PATH=/bin");
        assertThat(image.cmd()).containsExactly("/bin/sh");
        assertThat(image.user()).isEmpty();
    }

    @Test
    void givenVersion_whenParsed_thenClientVersion() {
        assertThat(PodmanJson.version(resource("version.json"))).isEqualTo("4.3.1");
        assertThat(PodmanJson.version("{\"Client\":{\"Version\":\"4.3.1\"},\"Server\":{\"Version\":\"5.0.0\"}}"))
                .isEqualTo("5.0.0");
    }

    @Test
    void givenEmptyArrays_whenParsed_thenEmpty() {
        assertThat(PodmanJson.container("[]")).isEmpty();
        assertThat(PodmanJson.image("[]\n")).isEmpty();
    }

    @Test
    void givenGarbage_whenParsed_thenMalformedOutput() {
        assertThatThrownBy(() -> PodmanJson.containers("CONTAINER ID  IMAGE")).isInstanceOf(MalformedOutputException.class);
        assertThatThrownBy(() -> PodmanJson.containers("{}")).isInstanceOf(MalformedOutputException.class);
        assertThatThrownBy(() -> PodmanJson.containers("")).isInstanceOf(MalformedOutputException.class);
        assertThatThrownBy(() -> PodmanJson.containers("[{\"Names\":[\"x\"]}]")).isInstanceOf(MalformedOutputException.class);
        assertThatThrownBy(() -> PodmanJson.version("{}")).isInstanceOf(MalformedOutputException.class);
    }

    @Test
    void givenPortBindingsOfEveryShape_whenParsed_thenSpecStrings() {
        String json = """
                [{"Id":"abc","Name":"p","ImageName":"img:v1","Image":"i1","State":{"Status":"paused","StartedAt":"2026-01-02T03:04:05.9Z"},
                  "Config":{"Cmd":null,"Env":null,"User":""},
                  "HostConfig":{"NetworkMode":"host","RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3},
                    "PortBindings":{"53/udp":[{"HostIp":"","HostPort":"5353"}],"80/tcp":[{"HostIp":"::1","HostPort":"8080"},{"HostIp":"127.0.0.1","HostPort":""}]}},
                  "Mounts":[{"Type":"volume","Name":"pgdata","Destination":"/var/lib/pg","RW":true},{"Type":"tmpfs","Destination":"/run","RW":true}]}]
                """;
        Inspected c = PodmanJson.container(json).orElseThrow();

        assertThat(c.ports()).containsExactly("5353:53/udp", "[::1]:8080:80", "127.0.0.1::80");
        assertThat(c.volumes()).containsExactly("pgdata:/var/lib/pg");
        assertThat(c.network()).isEqualTo("host");
        assertThat(c.restart()).isEqualTo("on-failure:3");
        assertThat(c.info().state()).isEqualTo(ObservedState.STOPPED);
        assertThat(c.info().started()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(c.cmd()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"running,RUNNING", "exited,EXITED", "dead,EXITED", "created,STOPPED", "paused,STOPPED",
            "stopped,EXITED", "configured,STOPPED", "stopping,STOPPED", "initialized,STOPPED", "removing,UNKNOWN",
            "unknown,UNKNOWN"})
    void givenPodmanState_whenMapped_thenObservedState(String podman, ObservedState expected) {
        assertThat(PodmanJson.state(podman)).isEqualTo(expected);
    }

    static String resource(String name) {
        try (InputStream in = PodmanJsonTest.class.getResourceAsStream("/podman/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource podman/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

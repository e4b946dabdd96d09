package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidationTest {
    private static ComponentSpec good(String name) {
        return new ComponentSpec(name, "127.0.0.1:45000/app:v1", "bridge", "0:0", "unless-stopped",
                List.of("127.0.0.1:18080:8080", "9000:9000/udp"), List.of("/srv/app:/srv/app", "data:/data:ro,Z"),
                List.of("server", "--config", "/srv/app/app.toml"), List.of("A=1", "B=-x"));
    }

    @Test
    void validSpec_hasNoProblems() {
        assertThat(SpecValidation.validate(new ServiceSpec("app", true, List.of(good("api"), good("web"))))).isEmpty();
    }

    @Test
    void threeMistakes_areAllReported_withFieldPaths() {
        ComponentSpec bad = new ComponentSpec("web", "Bad Image", "", "", "", List.of("8080"), List.of(), List.of(), List.of("NOVALUE"));
        List<Problem> problems = SpecValidation.validate(new ServiceSpec("app", true, List.of(good("api"), bad)));
        assertThat(problems).extracting(Problem::field)
                .containsExactly("components[1].image", "components[1].ports[0]", "components[1].env[0]");
        assertThat(problems.get(1).toString()).isEqualTo(
                "components[1].ports[0]: \"8080\" is not host:container (for example \"127.0.0.1:8080:80\" or \"8080:80/tcp\")");
    }

    @Test
    void duplicateComponentNames_andNoComponents_areReported() {
        assertThat(SpecValidation.validate(new ServiceSpec("app", true, List.of(good("api"), good("api")))))
                .extracting(Problem::field).containsExactly("components[1].name");
        assertThat(SpecValidation.validate(new ServiceSpec("app", true, List.of())))
                .extracting(Problem::field).containsExactly("components");
    }

    @Test
    void controlCharacters_inAnyListValue_areRejected() {
        ComponentSpec c = new ComponentSpec("api", "app:v1", "", "", "", List.of(), List.of(), List.of("a\nb"), List.of("K=v\u0000"));
        assertThat(SpecValidation.validate(c)).extracting(Problem::field).containsExactly("cmd[0]", "env[0]");
    }

    @Test
    void badNetworkUserRestartAndVolume_areEachNamed() {
        ComponentSpec c = new ComponentSpec("api", "app:v1", "-net", "root;x", "sometimes", List.of("70000:80"),
                List.of("./relative:/x", "/a:b", "/a:/b:weird"), List.of(), List.of());
        assertThat(SpecValidation.validate(c)).extracting(Problem::field).containsExactly(
                "network", "user", "restart", "ports[0]", "volumes[0]", "volumes[1]", "volumes[2]");
    }

    @Test
    void definition_requiresAValidNode() {
        ServiceDefinition def = new ServiceDefinition("", new ServiceSpec("app", true, List.of(good("api"))));
        assertThat(SpecValidation.validate(def)).extracting(Problem::field).containsExactly("node");
    }
}

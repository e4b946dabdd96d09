package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * The container runtime contract, run against the real podman in the isolated test bed. It fails, rather than
 * skips, when the test bed is not up: a suite that silently does not run proves nothing.
 */
class PodmanRuntimeContractTest extends ContainerRuntimeContract {
    static final List<String> REQUIRED = List.of("CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF",
            "CONTAINERS_REGISTRIES_CONF", "MCP_TEST_REGISTRY", "MCP_TEST_IMAGE_V1", "MCP_TEST_IMAGE_V2");
    static final String HOW_TO = """
            The podman test bed is not up (or its variables are not in the environment). Run, from the repository root:
                sudo deploy/testbed/testbed.sh up
                . .testbed/env      # or: . "$MCP_TESTBED_DIR/env"
                ./mvnw -o -pl mcp-adapter-podman install
            """;
    private static PodmanRuntime runtime;

    @BeforeAll
    static void requireTestBed() {
        Map<String, String> env = System.getenv();
        List<String> missing = REQUIRED.stream().filter(k -> env.getOrDefault(k, "").isBlank()).toList();
        if (!missing.isEmpty()) {
            fail("missing " + missing + "\n" + HOW_TO);
        }
        for (String file : List.of("CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF", "CONTAINERS_REGISTRIES_CONF")) {
            if (!Files.isRegularFile(Path.of(env.get(file)))) {
                fail(file + "=" + env.get(file) + " does not exist\n" + HOW_TO);
            }
        }
        String registry = env.get("MCP_TEST_REGISTRY");
        int colon = registry.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(registry.substring(0, colon), Integer.parseInt(registry.substring(colon + 1))), 2000);
        } catch (IOException | RuntimeException e) {
            fail("the test registry " + registry + " does not answer (" + e.getMessage() + ")\n" + HOW_TO);
        }
        runtime = PodmanRuntime.create(PodmanSettings.defaults());
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected String imageV1() {
        return System.getenv("MCP_TEST_IMAGE_V1");
    }

    @Override
    protected String imageV2() {
        return System.getenv("MCP_TEST_IMAGE_V2");
    }
}

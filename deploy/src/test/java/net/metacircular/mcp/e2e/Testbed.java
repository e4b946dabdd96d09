package net.metacircular.mcp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What deploy/testbed/testbed.sh set up: an isolated podman store, a registry on loopback with the test image
 * under two tags. The test command sources its env file before Maven; a missing test bed fails, never skips.
 */
public final class Testbed {
    public static final Path DIST = Path.of(required("mcp.dist", System.getProperty("mcp.dist")));
    public static final Path REPO = Path.of(required("mcp.repo", System.getProperty("mcp.repo")));

    private Testbed() {
    }

    /**
     * Podman's state word ({@code .State.Status}) as the registry records it, written out here rather than taken
     * from the adapter, so the tests check the adapter's mapping instead of repeating it: podman's {@code stopped}
     * is exited with its cleanup pending.
     */
    public static String observed(String podmanState) {
        return switch (podmanState) {
            case "running" -> "running";
            case "exited", "stopped", "dead" -> "exited";
            case "created", "paused", "configured", "stopping", "initialized" -> "stopped";
            default -> podmanState;
        };
    }

    public static String imageV1() {
        return env("MCP_TEST_IMAGE_V1");
    }

    public static String imageV2() {
        return env("MCP_TEST_IMAGE_V2");
    }

    /** The environment podman needs to use the isolated store, for the agent and for direct checks. */
    public static Map<String, String> podmanEnv() {
        Map<String, String> env = new HashMap<>();
        for (String k : new String[] {"CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF", "CONTAINERS_REGISTRIES_CONF"}) {
            env.put(k, env(k));
        }
        return env;
    }

    public static Path launcher(String name) {
        Path p = DIST.resolve("bin").resolve(name);
        if (!Files.isExecutable(p)) {
            throw new AssertionError(p + " is missing: run deploy/scripts/build.sh (deploy/scripts/test.sh does)");
        }
        return p;
    }

    public static String env(String name) {
        return required(name, System.getenv(name));
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: run the tests through deploy/scripts/test.sh, or run "
                    + "`deploy/testbed/testbed.sh up && source .testbed/env` first");
        }
        return value;
    }
}

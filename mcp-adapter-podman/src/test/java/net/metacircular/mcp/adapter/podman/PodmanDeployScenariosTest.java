package net.metacircular.mcp.adapter.podman;

import net.metacircular.mcp.application.DeployScenariosContract;
import net.metacircular.mcp.port.out.ContainerRuntime;
import org.junit.jupiter.api.BeforeAll;

/** The deploy scenarios on the real podman in the test bed; fails, never skips, when the test bed is down. */
class PodmanDeployScenariosTest extends DeployScenariosContract {
    private static PodmanRuntime runtime;

    @BeforeAll
    static void requireTestBed() {
        PodmanRuntimeContractTest.requireTestBed();
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

package net.metacircular.mcp.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.InMemoryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's deploy scenarios, run through the real use cases against any container runtime: the
 * fake runs them in milliseconds, the podman adapter against the real thing, so the fake cannot drift from podman.
 */
public abstract class DeployScenariosContract {
    private final List<String> containers = new ArrayList<>();
    private InMemoryRegistry registry;
    private Deployer deployer;
    private StatusQueries status;
    private String svc;

    /** The runtime under test. */
    protected abstract ContainerRuntime runtime();

    /** A pullable image with {@code sleep}. */
    protected abstract String imageV1();

    /** The same repository, another tag and image ID. */
    protected abstract String imageV2();

    @BeforeEach
    void wire() {
        registry = new InMemoryRegistry();
        InstantSource clock = InstantSource.system();
        Reconciler reconciler = new Reconciler(runtime(), registry, clock);
        deployer = new Deployer(runtime(), registry, clock, new ServiceLocks(), Duration.ofSeconds(1));
        status = new StatusQueries(registry, runtime(), reconciler, root -> new net.metacircular.mcp.port.out.HostMetrics.HostReading(1, 1, 1, 1, 0),
                new StatusQueries.Facts("rift", java.nio.file.Path.of("/"), Instant.EPOCH, "test"));
        svc = "sc" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    }

    @AfterEach
    void removeContainers() {
        for (String c : containers) {
            try {
                runtime().stop(c, Duration.ZERO);
                runtime().remove(c);
            } catch (RuntimeException e) {
                System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "cleanup {0}: {1}", c, e.getMessage());
            }
        }
    }

    private ComponentSpec comp(String name, String image) {
        containers.add(svc + "-" + name);
        return new ComponentSpec(name, image, "", "", "no", List.of(), List.of(), List.of("sleep", "100000"), List.of("MODE=-x"));
    }

    private ServiceSpec twoComponents(String webImage) {
        return new ServiceSpec(svc, true, List.of(comp("api", imageV1()), comp("web", webImage)));
    }

    private ContainerInfo container(String name) {
        return runtime().inspect(name).orElseThrow(() -> new AssertionError(name + " does not exist")).info();
    }

    @Test
    void twoComponentService_deploy_runsBothUnderServiceDashComponent_withTheTagVersion() {
        List<ComponentResult> results = deployer.deploy(twoComponents(imageV1()), Optional.empty(), false);

        assertThat(results).allSatisfy(r -> assertThat(r.success()).as(r.error()).isTrue());
        assertThat(container(svc + "-api").state()).isEqualTo(ObservedState.RUNNING);
        assertThat(container(svc + "-web").state()).isEqualTo(ObservedState.RUNNING);
        ServiceRecord s = status.liveCheck().stream().filter(x -> x.name().equals(svc)).findFirst().orElseThrow();
        assertThat(s.components()).extracting(ComponentRecord::name).containsExactly("api", "web");
        assertThat(s.components()).allSatisfy(c -> {
            assertThat(c.observed()).isEqualTo(ObservedState.RUNNING);
            assertThat(c.desired()).isEqualTo(DesiredState.RUNNING);
            assertThat(c.version()).isEqualTo(net.metacircular.mcp.domain.ImageRef.versionOf(imageV1()));
            assertThat(c.started()).isNotNull();
        });
    }

    @Test
    void redeployOfOneComponentWithANewTag_leavesTheOthersIdAndStartUnchanged() {
        deployer.deploy(twoComponents(imageV1()), Optional.empty(), false);
        ContainerInfo apiBefore = container(svc + "-api");

        List<ComponentResult> results = deployer.deploy(twoComponents(imageV2()), Optional.of("web"), false);

        assertThat(results).singleElement().satisfies(r -> assertThat(r.success()).as(r.error()).isTrue());
        ContainerInfo apiAfter = container(svc + "-api");
        assertThat(apiAfter.id()).isEqualTo(apiBefore.id());
        assertThat(apiAfter.started()).isEqualTo(apiBefore.started());
        assertThat(container(svc + "-web").image()).isEqualTo(imageV2());
        assertThat(registry.service(svc).orElseThrow().component("web").orElseThrow().version())
                .isEqualTo(net.metacircular.mcp.domain.ImageRef.versionOf(imageV2()));
    }

    @Test
    void deployOfAComponentTheSpecLacks_failsAndChangesNothing() {
        deployer.deploy(twoComponents(imageV1()), Optional.empty(), false);
        List<ServiceRecord> before = registry.services();
        ContainerInfo web = container(svc + "-web");

        assertThatThrownBy(() -> deployer.deploy(twoComponents(imageV2()), Optional.of("nosuch"), false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nosuch");

        assertThat(registry.services()).isEqualTo(before);
        assertThat(container(svc + "-web").id()).isEqualTo(web.id());
    }

    @Test
    void singleComponentNamedLikeItsService_runsAsTheServiceName() {
        String name = svc + "-proxy";
        containers.add(name);
        ServiceSpec spec = new ServiceSpec(name, true, List.of(new ComponentSpec(name, imageV1(), "", "", "", List.of(), List.of(),
                List.of("sleep", "100000"), List.of())));

        deployer.deploy(spec, Optional.empty(), false);

        assertThat(container(name).state()).isEqualTo(ObservedState.RUNNING);
        assertThat(runtime().inspect(name + "-" + name)).isEmpty();
        assertThat(registry.service(name).orElseThrow().components()).singleElement()
                .satisfies(c -> assertThat(c.containerName()).isEqualTo(name));
    }

    @Test
    void specWithThreeMistakes_reportsAllThree_andTouchesNeitherRegistryNorRuntime() {
        ComponentSpec bad = new ComponentSpec("web", "NOT A REF", "", "", "", List.of("8080"), List.of(), List.of(), List.of("NOVALUE"));
        containers.add(svc + "-web");

        assertThatThrownBy(() -> deployer.deploy(new ServiceSpec(svc, true, List.of(bad)), Optional.empty(), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(3));

        assertThat(registry.services()).isEmpty();
        assertThat(runtime().inspect(svc + "-web")).isEmpty();
    }

    @Test
    void unchangedRedeploy_restartsNothing_butForceReplaces() {
        deployer.deploy(twoComponents(imageV1()), Optional.empty(), false);
        ContainerInfo api = container(svc + "-api");

        assertThat(deployer.deploy(twoComponents(imageV1()), Optional.empty(), false))
                .extracting(ComponentResult::action).containsOnly("unchanged");
        assertThat(container(svc + "-api").id()).isEqualTo(api.id());

        assertThat(deployer.deploy(twoComponents(imageV1()), Optional.of("api"), true))
                .extracting(ComponentResult::action).containsExactly("replaced");
        assertThat(container(svc + "-api").id()).isNotEqualTo(api.id());
    }

    @Test
    void failedPull_leavesTheRunningContainerInPlace() {
        deployer.deploy(twoComponents(imageV1()), Optional.empty(), false);
        ContainerInfo web = container(svc + "-web");
        String missing = imageV1().substring(0, imageV1().lastIndexOf(':')) + ":no-such-tag";

        List<ComponentResult> results = deployer.deploy(twoComponents(missing), Optional.of("web"), false);

        assertThat(results).singleElement().satisfies(r -> assertThat(r.success()).isFalse());
        assertThat(container(svc + "-web").id()).isEqualTo(web.id());
        assertThat(container(svc + "-web").state()).isEqualTo(ObservedState.RUNNING);
    }
}

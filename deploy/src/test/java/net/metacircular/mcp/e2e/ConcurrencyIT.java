package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.proto.v1.ComponentInfo;
import net.metacircular.mcp.proto.v1.ComponentResult;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.DeployResponse;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.LiveCheckRequest;
import net.metacircular.mcp.proto.v1.NodeStatusRequest;
import net.metacircular.mcp.proto.v1.ServiceInfo;
import net.metacircular.mcp.proto.v1.ServiceStatusRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Concurrency and load against the real agent: twenty concurrent deploys of one service on real podman end as
 * exactly one of the requested specs with no orphan container; deploys of two services are inside podman at the
 * same time (a podman wrapper lets each first pull go on only once the other service's pull has arrived); 50
 * clients each make 100 mixed read RPCs without an error, and the latencies are printed (reported, not asserted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIT {
    private static final System.Logger LOG = System.getLogger(ConcurrencyIT.class.getName());
    private static final List<String> CONTAINERS = List.of("ccr-one-api", "ccr-one-web", "ccr-a-api", "ccr-b-api");
    private Path work;
    private Pki pki;
    private Mcias mcias;
    private String token;

    @BeforeAll
    void start() throws Exception {
        removeContainers();
        work = Files.createTempDirectory("mcp-concurrency-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stop() {
        if (mcias != null) {
            mcias.close();
        }
        removeContainers();
    }

    private static void removeContainers() {
        Operator.removeContainers(CONTAINERS);
    }

    @Test
    void twentyConcurrentDeploysOfOneService_onPodman_endAsOneRequestedSpec_neverAMix_withoutOrphans() throws Exception {
        try (AgentNode node = new AgentNode("ccrone", work.resolve("ccrone"), pki, mcias, "podman").start();
             AgentClient client = new AgentClient(node, pki, token)) {
            CyclicBarrier go = new CyclicBarrier(20);
            List<Future<DeployResponse>> calls = new ArrayList<>();
            long t0 = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    // Each request differs in image and environment, so every one replaces both containers.
                    String image = n % 2 == 0 ? Testbed.imageV1() : Testbed.imageV2();
                    DeployRequest req = DeployRequest.newBuilder().setService(AgentClient.service("ccr-one",
                            AgentClient.component("api", image, List.of("REQ=" + n)),
                            AgentClient.component("web", image, List.of("REQ=" + n)))).build();
                    calls.add(pool.submit(() -> {
                        go.await(30, TimeUnit.SECONDS);
                        return client.stub(600).deploy(req);
                    }));
                }
                for (Future<DeployResponse> f : calls) {
                    assertThat(f.get(600, TimeUnit.SECONDS).getResultsList()).allSatisfy(r -> assertThat(r.getSuccess()).as(r.getError()).isTrue());
                }
            }
            LOG.log(System.Logger.Level.INFO, "20 concurrent deploys of one service (2 components, podman): {0} ms",
                    (System.nanoTime() - t0) / 1_000_000);

            ServiceInfo recorded = client.stub(60).listServices(ListServicesRequest.getDefaultInstance()).getServicesList()
                    .stream().filter(s -> s.getName().equals("ccr-one")).findFirst().orElseThrow();
            List<String> env = recorded.getSpec().getComponentsList().stream().map(c -> c.getEnv(0)).distinct().toList();
            assertThat(env).as("one request for every component of the recorded spec").hasSize(1);
            int winner = Integer.parseInt(env.getFirst().substring("REQ=".length()));
            String winnerImage = winner % 2 == 0 ? Testbed.imageV1() : Testbed.imageV2();
            assertThat(recorded.getSpec().getComponentsList()).allSatisfy(c -> assertThat(c.getImage()).isEqualTo(winnerImage));
            List<String> names = Arrays.stream(Operator.podman("ps", "-a", "--filter", "name=^ccr-one", "--format", "{{.Names}}")
                    .assertOk().out().strip().split("\n")).sorted().toList();
            assertThat(names).as("containers of the service: no orphans").containsExactly("ccr-one-api", "ccr-one-web");
            for (ComponentInfo c : recorded.getComponentsList()) {
                String container = "ccr-one-" + c.getName();
                String[] inspected = Operator.podman("container", "inspect", "--format",
                        "{{.Id}} {{.State.Status}} {{.ImageName}} {{range .Config.Env}}{{.}} {{end}}", container).assertOk().out().strip().split(" ");
                assertThat(c.getContainerId()).as(container).isEqualTo(inspected[0]);
                assertThat(inspected[1]).as(container).isEqualTo("running");
                assertThat(c.getObservedState()).as(container).isEqualTo("running");
                assertThat(inspected[2]).as(container).isEqualTo(winnerImage);
                assertThat(List.of(inspected)).as(container).contains("REQ=" + winner);
            }
        }
    }

    @Test
    void deploysOfTwoServices_areInsidePodmanAtTheSameTime() throws Exception {
        Path barrier = Files.createDirectories(work.resolve("barrier"));
        Path met = Files.createDirectories(work.resolve("met"));
        Path wrapper = work.resolve("podman-barrier");
        // A pull waits (up to 20 s) until a pull of the other image has arrived too, then records that it saw it.
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ "$1" = "pull" ]; then
                  key=$(echo "$3" | tr '/:' '__')
                  touch "%1$s/$key"
                  i=0
                  while [ "$(ls "%1$s" | wc -l)" -lt 2 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
                  if [ "$(ls "%1$s" | wc -l)" -ge 2 ]; then touch "%2$s/$key"; fi
                fi
                exec podman "$@"
                """.formatted(barrier, met));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        try (AgentNode node = new AgentNode("ccrpar", work.resolve("ccrpar"), pki, mcias, "podman")
                .withAgentKeys("podman_binary = \"" + wrapper + "\"").start();
             AgentClient client = new AgentClient(node, pki, token)) {
            long t0 = System.nanoTime();
            // Two threads of our own: the common pool may have a single worker on a small machine.
            ExecutorService two = Executors.newFixedThreadPool(2);
            CompletableFuture<DeployResponse> a = CompletableFuture.supplyAsync(() -> client.stub(120).deploy(
                    DeployRequest.newBuilder().setService(AgentClient.service("ccr-a", AgentClient.component("api", Testbed.imageV1(), List.of()))).build()), two);
            CompletableFuture<DeployResponse> b = CompletableFuture.supplyAsync(() -> client.stub(120).deploy(
                    DeployRequest.newBuilder().setService(AgentClient.service("ccr-b", AgentClient.component("api", Testbed.imageV2(), List.of()))).build()), two);
            two.shutdown();

            for (ComponentResult r : a.get(120, TimeUnit.SECONDS).getResultsList()) {
                assertThat(r.getSuccess()).as(r.getError()).isTrue();
            }
            for (ComponentResult r : b.get(120, TimeUnit.SECONDS).getResultsList()) {
                assertThat(r.getSuccess()).as(r.getError()).isTrue();
            }
            LOG.log(System.Logger.Level.INFO, "two services deployed in parallel in {0} ms", (System.nanoTime() - t0) / 1_000_000);
            try (var seen = Files.list(met)) {
                assertThat(seen.count()).as("pulls that met the other service's pull inside podman").isEqualTo(2);
            }
        }
    }

    @Test
    void fiftyClientsTimesAHundredMixedReads_haveNoErrors_andTheirLatencyIsReported() throws Exception {
        Path scenario = work.resolve("images.txt");
        Files.writeString(scenario, "image load.example/app:v1\n");
        try (AgentNode node = new AgentNode("ccrload", work.resolve("ccrload"), pki, mcias, "fake")
                .withAgentKeys("fake_scenario = \"" + scenario + "\"").start();
             AgentClient setup = new AgentClient(node, pki, token)) {
            for (int s = 0; s < 10; s++) {
                setup.stub(60).deploy(DeployRequest.newBuilder().setService(AgentClient.service("load-" + s,
                        AgentClient.component("api", "load.example/app:v1", List.of()),
                        AgentClient.component("web", "load.example/app:v1", List.of()))).build());
            }
            int clients = 50;
            int perClient = 100;
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            CyclicBarrier go = new CyclicBarrier(clients);
            long t0;
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> done = new ArrayList<>();
                t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    int seed = c;
                    done.add(pool.submit(() -> {
                        try (AgentClient client = new AgentClient(node, pki, token)) {
                            go.await(60, TimeUnit.SECONDS);
                            for (int i = 0; i < perClient; i++) {
                                long s0 = System.nanoTime();
                                try {
                                    read(client, (seed + i) % 5, i);
                                    latencies.add(System.nanoTime() - s0);
                                } catch (RuntimeException e) {
                                    errors.add(e.toString());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(600, TimeUnit.SECONDS);
                }
            }
            long wall = System.nanoTime() - t0;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            String report = "50 clients x 100 mixed reads: %d ok, %d errors in %d ms (%.0f/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    .formatted(sorted.length, errors.size(), wall / 1_000_000, sorted.length / (wall / 1e9),
                            percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
            LOG.log(System.Logger.Level.INFO, report);
            assertThat(errors).as(report).isEmpty();
            assertThat(sorted).hasSize(clients * perClient);
        }
    }

    /** One read RPC of five kinds: list, live check, status, node status, health. */
    private static void read(AgentClient client, int kind, int i) {
        switch (kind) {
            case 0 -> client.stub(60).listServices(ListServicesRequest.getDefaultInstance());
            case 1 -> client.stub(60).liveCheck(LiveCheckRequest.getDefaultInstance());
            case 2 -> client.stub(60).getServiceStatus(ServiceStatusRequest.newBuilder().setName("load-" + (i % 10)).build());
            case 3 -> client.stub(60).nodeStatus(NodeStatusRequest.getDefaultInstance());
            default -> client.health(60).check(HealthCheckRequest.getDefaultInstance());
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}

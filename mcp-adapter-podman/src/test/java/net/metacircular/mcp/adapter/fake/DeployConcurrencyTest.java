package net.metacircular.mcp.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.metacircular.mcp.application.Deployer;
import net.metacircular.mcp.application.ServiceLocks;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.InMemoryRegistry;
import org.junit.jupiter.api.Test;

/**
 * Deploys of one service are serialized and deploys of different services run in parallel, shown with the real
 * {@link Deployer} over the fake runtime wrapped in a runtime that watches its callers.
 */
class DeployConcurrencyTest {
    private static final String V1 = "registry.example/app:v1";
    private static final String V2 = "registry.example/app:v2";
    private final FakeRuntime fake = new FakeRuntime(InstantSource.system()).addImage(V1, "1".repeat(64)).addImage(V2, "2".repeat(64));
    private final InMemoryRegistry registry = new InMemoryRegistry();

    private Deployer deployer(ContainerRuntime runtime) {
        return new Deployer(runtime, registry, InstantSource.system(), new ServiceLocks(), Duration.ZERO);
    }

    private static ServiceSpec request(String service, int i) {
        String image = i % 2 == 0 ? V1 : V2;
        return new ServiceSpec(service, true, List.of(
                new ComponentSpec("api", image, "", "", "no", List.of(), List.of(), List.of("serve"), List.of("REQ=" + i)),
                new ComponentSpec("web", image, "", "", "no", List.of(), List.of(), List.of("serve"), List.of("REQ=" + i))));
    }

    @Test
    void twentyConcurrentDeploysOfOneService_neverOverlapInTheRuntime_andEndAsExactlyOneRequestedSpecWithoutOrphans()
            throws Exception {
        Watching runtime = new Watching(fake, Duration.ofMillis(1));
        Deployer deployer = deployer(runtime);
        CyclicBarrier go = new CyclicBarrier(20);
        List<Future<List<ComponentResult>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return deployer.deploy(request("one", n), Optional.empty(), false);
                }));
            }
            for (Future<List<ComponentResult>> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.success()).as(r.toString()).isTrue());
            }
        }

        // a deploy runs its components at once, but two deploys of one service never meet on a container
        assertThat(runtime.maxOnOneContainer.get()).as("runtime calls on one container in flight at once").isEqualTo(1);
        // Serialized: each deploy runs both of its containers before the next deploy runs any.
        List<String> runs = List.copyOf(runtime.runs);
        assertThat(runs).hasSize(40);
        for (int i = 0; i < runs.size(); i += 2) {
            assertThat(runs.get(i + 1)).as("runs in order %s", runs).isEqualTo(runs.get(i));
        }
        assertThat(runs.stream().distinct().count()).as("every request deployed once").isEqualTo(20);
        ServiceRecord recorded = registry.service("one").orElseThrow();
        List<String> env = recorded.components().stream().map(c -> c.spec().env().getFirst()).distinct().toList();
        assertThat(env).as("one request's spec for every component, never a mix").hasSize(1);
        int winner = Integer.parseInt(env.getFirst().substring("REQ=".length()));
        assertThat(recorded.components()).allSatisfy(c -> assertThat(c.spec()).isEqualTo(request("one", winner).component(c.name()).orElseThrow()));
        assertThat(fake.list()).extracting(ContainerInfo::name).containsExactlyInAnyOrder("one-api", "one-web");
        for (String container : List.of("one-api", "one-web")) {
            ContainerDetails d = fake.inspect(container).orElseThrow();
            assertThat(d.spec().env()).as(container).containsExactly("REQ=" + winner);
            assertThat(recorded.components()).anySatisfy(c -> assertThat(c.containerId()).isEqualTo(d.info().id()));
        }
    }

    @Test
    void deploysOfTwoServices_areInsideTheRuntimeAtTheSameTime() throws Exception {
        // Each service's first pull waits until the other service's deploy is inside a pull too; serialized
        // deploys would break the barrier after its timeout and fail the pull.
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicInteger met = new AtomicInteger();
        // Which service's deploy a pull belongs to: the components' threads inherit it from the deploy's thread.
        InheritableThreadLocal<String> service = new InheritableThreadLocal<>();
        java.util.Set<String> waited = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ContainerRuntime runtime = new Watching(fake, Duration.ZERO) {
            @Override
            public String pull(String image) {
                // Only each service's first pull waits, so the two at the barrier are from different services.
                if (service.get() != null && waited.add(service.get())) {
                    try {
                        bothInside.await(10, TimeUnit.SECONDS);
                        met.incrementAndGet();
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new ContainerRuntimeException("the other deploy never came: " + e, false, e);
                    }
                }
                return super.pull(image);
            }
        };
        Deployer deployer = deployer(runtime);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<List<ComponentResult>> a = pool.submit(() -> {
                service.set("para");
                return deployer.deploy(request("para", 1), Optional.empty(), false);
            });
            Future<List<ComponentResult>> b = pool.submit(() -> {
                service.set("parb");
                return deployer.deploy(request("parb", 2), Optional.empty(), false);
            });

            assertThat(a.get(30, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.success()).as(r.toString()).isTrue());
            assertThat(b.get(30, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.success()).as(r.toString()).isTrue());
        }
        assertThat(met.get()).isEqualTo(2);
    }

    /**
     * Delegates to the fake, counting the calls in flight per container and holding each for {@code hold} to widen
     * any race, and recording the {@code REQ} of every container it runs, in order. Components of one deploy may run
     * at once (they are different containers); two deploys of one service would meet on the same container.
     */
    private static class Watching implements ContainerRuntime {
        private final FakeRuntime delegate;
        private final Duration hold;
        private final java.util.Map<String, AtomicInteger> onContainer = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger maxOnOneContainer = new AtomicInteger();
        final List<String> runs = java.util.Collections.synchronizedList(new ArrayList<>());

        Watching(FakeRuntime delegate, Duration hold) {
            this.delegate = delegate;
            this.hold = hold;
        }

        private <T> T watched(String container, java.util.function.Supplier<T> call) {
            AtomicInteger mine = onContainer.computeIfAbsent(container, c -> new AtomicInteger());
            maxOnOneContainer.accumulateAndGet(mine.incrementAndGet(), Math::max);
            try {
                if (!hold.isZero()) {
                    Thread.sleep(hold);
                }
                return call.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                mine.decrementAndGet();
            }
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public List<ContainerInfo> list() {
            return delegate.list();
        }

        @Override
        public Optional<ContainerDetails> inspect(String container) {
            return watched(container, () -> delegate.inspect(container));
        }

        @Override
        public Optional<ContainerInfo> info(String container) {
            return watched(container, () -> delegate.info(container));
        }

        @Override
        public String pull(String image) {
            return delegate.pull(image);
        }

        @Override
        public Optional<String> imageId(String image) {
            return delegate.imageId(image);
        }

        @Override
        public String run(String container, ComponentSpec spec) {
            return watched(container, () -> {
                runs.add(spec.env().getFirst());
                return delegate.run(container, spec);
            });
        }

        @Override
        public void start(String container) {
            watched(container, () -> {
                delegate.start(container);
                return null;
            });
        }

        @Override
        public void stop(String container, Duration grace) {
            watched(container, () -> {
                delegate.stop(container, grace);
                return null;
            });
        }

        @Override
        public void restart(String container, Duration grace) {
            watched(container, () -> {
                delegate.restart(container, grace);
                return null;
            });
        }

        @Override
        public void remove(String container) {
            watched(container, () -> {
                delegate.remove(container);
                return null;
            });
        }
    }
}

package net.metacircular.mcp.adapter.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerEvents;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;

/**
 * A container runtime held in memory that behaves like podman: images come from a simulated registry of known
 * references, containers run, stop, crash and are removed, and time comes from the injected clock. Used for
 * offline simulation and demos ({@code container_runtime = "fake"}) and kept honest by the same contract suite
 * as the podman adapter. Its controls ({@link #crash}, {@link #setUnavailable}, {@link #startExternally}) let a
 * simulation play what happens on a real node, and it reports the same lifecycle events podman does ({@code create},
 * {@code start}, {@code died}, {@code stop}, {@code restart}, {@code remove}) to its watchers. Thread-safe.
 */
public final class FakeRuntime implements ContainerRuntime, ContainerEvents {
    /** The version reported by {@link #version()}. */
    public static final String VERSION = "fake-1";

    private final InstantSource clock;
    /** What the simulated registry offers: reference to image ID. */
    private final Map<String, String> registry = new HashMap<>();
    /** What has been pulled into local storage: reference to image ID. */
    private final Map<String, String> local = new HashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final List<Consumer<ContainerEvent>> watchers = new CopyOnWriteArrayList<>();
    private boolean unavailable;
    private long sequence;

    /** An empty runtime whose timestamps come from {@code clock}. */
    public FakeRuntime(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Makes {@code ref} pullable with image ID {@code id}; adding a known reference again re-points its tag. */
    public synchronized FakeRuntime addImage(String ref, String id) {
        positional("image", ref);
        Objects.requireNonNull(id, "'id' must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        registry.put(ref, id);
        return this;
    }

    /**
     * Makes a running container exit on its own with {@code exitCode}, as a crash would; it stays exited (as if
     * its restart policy had given up).
     *
     * @throws IllegalArgumentException when there is no such container
     */
    public synchronized void crash(String container, int exitCode) {
        Container c = containers.get(container);
        if (c == null) {
            throw new IllegalArgumentException("no container named \"" + Text.quoteSafe(container) + "\"");
        }
        if (c.state == ObservedState.RUNNING) {
            c.state = ObservedState.EXITED;
            c.exitCode = exitCode;
            emit(container, "died");
        }
    }

    /** While true, every call fails as podman does when it cannot work: with an unavailable runtime exception. */
    public synchronized void setUnavailable(boolean value) {
        this.unavailable = value;
    }

    /**
     * Simulates an operator running {@code image} by hand as {@code name}, with no other flags; an unknown image
     * is added to the registry first. Returns the container's ID.
     */
    public synchronized String startExternally(String name, String image) {
        positional("image", image);
        if (!registry.containsKey(image)) {
            registry.put(image, digest("image:" + image));
        }
        return run(name, ComponentSpec.of(name, image));
    }

    /** The image ID the fake gives {@code ref} when nothing else says so (a digest of the reference). */
    public static String imageIdOf(String ref) {
        return digest("image:" + ref);
    }

    /** The exit code of a container that exited or was stopped, if it has one. */
    public synchronized Optional<Integer> exitCode(String container) {
        Container c = containers.get(container);
        return c == null || c.state == ObservedState.RUNNING ? Optional.empty() : Optional.ofNullable(c.exitCode);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public synchronized String version() {
        checkAvailable();
        return VERSION;
    }

    @Override
    public synchronized List<ContainerInfo> list() {
        checkAvailable();
        List<ContainerInfo> out = new ArrayList<>();
        containers.values().forEach(c -> out.add(c.info()));
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<ContainerDetails> inspect(String container) {
        positional("container", container);
        checkAvailable();
        Container c = containers.get(container);
        return c == null ? Optional.empty() : Optional.of(new ContainerDetails(c.info(), c.spec));
    }

    @Override
    public synchronized String pull(String image) {
        positional("image", image);
        checkAvailable();
        String id = registry.get(image);
        if (id == null) {
            throw new ContainerRuntimeException("fake pull " + Text.quoteSafe(image)
                    + " failed: reading manifest: manifest unknown", false, null);
        }
        local.put(image, id);
        return id;
    }

    @Override
    public synchronized Optional<String> imageId(String image) {
        positional("image", image);
        checkAvailable();
        return Optional.ofNullable(local.get(image));
    }

    @Override
    public synchronized String run(String container, ComponentSpec spec) {
        positional("container", container);
        Objects.requireNonNull(spec, "'spec' must not be null");
        positional("image", spec.image());
        checkAvailable();
        if (containers.containsKey(container)) {
            throw new ContainerRuntimeException("fake run " + container + " failed: the container name \"" + container
                    + "\" is already in use", false, null);
        }
        // Like podman, run pulls an image that is not in local storage.
        String imageId = local.containsKey(spec.image()) ? local.get(spec.image()) : pull(spec.image());
        String id = digest("container:" + (++sequence) + ":" + container);
        ComponentSpec stored = new ComponentSpec(container, spec.image(), spec.network(), spec.user(), spec.restart(),
                spec.ports(), spec.volumes(), spec.cmd(), spec.env().stream().sorted().toList());
        Container c = new Container(id, container, stored, imageId);
        c.state = ObservedState.RUNNING;
        c.started = clock.instant();
        containers.put(container, c);
        emit(container, "create");
        emit(container, "start");
        return id;
    }

    @Override
    public synchronized void start(String container) {
        Container c = existing("start", container);
        if (c.state != ObservedState.RUNNING) {
            c.state = ObservedState.RUNNING;
            c.started = clock.instant();
            c.exitCode = null;
            emit(container, "start");
        }
    }

    @Override
    public synchronized void stop(String container, Duration grace) {
        positional("container", container);
        Objects.requireNonNull(grace, "'grace' must not be null");
        checkAvailable();
        Container c = containers.get(container);
        if (c != null && c.state == ObservedState.RUNNING) {
            // as on podman: a stopped container has exited (PodmanJson.state)
            c.state = ObservedState.EXITED;
            c.exitCode = 137;
            emit(container, "died");
            emit(container, "stop");
        }
    }

    @Override
    public synchronized void restart(String container, Duration grace) {
        Objects.requireNonNull(grace, "'grace' must not be null");
        Container c = existing("restart", container);
        if (c.state == ObservedState.RUNNING) {
            emit(container, "died"); // as podman reports a restart: the old process's death first
        }
        c.state = ObservedState.RUNNING;
        c.started = clock.instant();
        c.exitCode = null;
        emit(container, "restart");
    }

    @Override
    public synchronized void remove(String container) {
        positional("container", container);
        checkAvailable();
        Container c = containers.get(container);
        if (c != null && c.state == ObservedState.RUNNING) {
            throw new ContainerRuntimeException("fake rm " + container + " failed: cannot remove container \""
                    + container + "\" as it is running", false, null);
        }
        Container gone = containers.remove(container);
        if (gone != null) {
            emit(container, "remove", gone.id);
        }
    }

    @Override
    public Subscription watch(Consumer<ContainerEvent> listener) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    /** Tells the watchers; a watcher that throws must not break the simulated runtime. */
    private void emit(String container, String action) {
        Container c = containers.get(container);
        emit(container, action, c == null ? "" : c.id);
    }

    private void emit(String container, String action, String id) {
        ContainerEvent e = new ContainerEvent(container, action, clock.instant(), id);
        for (Consumer<ContainerEvent> w : watchers) {
            try {
                w.accept(e);
            } catch (RuntimeException ex) {
                System.getLogger(FakeRuntime.class.getName()).log(System.Logger.Level.WARNING,
                        "a watcher of the fake runtime failed: {0}", ex.toString());
            }
        }
    }

    private Container existing(String operation, String container) {
        positional("container", container);
        checkAvailable();
        Container c = containers.get(container);
        if (c == null) {
            throw new ContainerRuntimeException("fake " + operation + " " + container
                    + " failed: no container with name or ID \"" + container + "\" found: no such container", false, null);
        }
        return c;
    }

    private void checkAvailable() {
        if (unavailable) {
            throw new ContainerRuntimeException("fake runtime is unavailable (simulated)", true, null);
        }
    }

    /** The same defence in depth as the podman adapter, so both reject the same input. */
    private static void positional(String what, String value) {
        Objects.requireNonNull(value, "'" + what + "' must not be null");
        if (value.isEmpty() || value.startsWith("-") || Text.hasControl(value)) {
            throw new IllegalArgumentException(what + " \"" + Text.quoteSafe(value)
                    + "\" must be non-empty, must not begin with '-' and must not hold control characters");
        }
    }

    /** A 64-hex-digit ID like podman's, derived from {@code seed} so runs are reproducible. */
    private static String digest(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** One simulated container; guarded by the runtime's lock. */
    private static final class Container {
        final String id;
        final String name;
        final ComponentSpec spec;
        final String imageId;
        ObservedState state = ObservedState.STOPPED;
        Instant started;
        Integer exitCode;

        Container(String id, String name, ComponentSpec spec, String imageId) {
            this.id = id;
            this.name = name;
            this.spec = spec;
            this.imageId = imageId;
        }

        ContainerInfo info() {
            return new ContainerInfo(id, name, spec.image(), imageId, state, started);
        }
    }
}

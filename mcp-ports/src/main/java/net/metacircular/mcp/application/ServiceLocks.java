package net.metacircular.mcp.application;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per service name, so writes to one service are serialized while different services proceed in parallel. */
public final class ServiceLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Per service, bumped on every acquisition and release: odd while held, changed when a write came between. */
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    /** Per service, when its last write released the lock. */
    private final ConcurrentHashMap<String, Instant> released = new ConcurrentHashMap<>();
    private final InstantSource clock;

    /** Locks that note release times on the system clock. */
    public ServiceLocks() {
        this(InstantSource.system());
    }

    /** Locks that note release times on {@code clock}: the clock the runtime's event times are compared with. */
    public ServiceLocks(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Runs {@code work} holding the lock of {@code service}. */
    public <T> T with(String service, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(service, s -> new ReentrantLock(true));
        lock.lock();
        AtomicLong generation = generations.computeIfAbsent(service, s -> new AtomicLong());
        generation.incrementAndGet();
        try {
            return work.get();
        } finally {
            released.put(service, clock.instant());
            generation.incrementAndGet();
            lock.unlock();
        }
    }

    /**
     * A number that is odd while a write to {@code service} holds its lock and changes with every write, so a reader
     * that took no lock can tell whether a write ran while it looked (the reconciler uses it to leave services that
     * are being deployed alone).
     */
    public long generation(String service) {
        AtomicLong g = generations.get(service);
        return g == null ? 0 : g.get();
    }

    /**
     * When the last write to {@code service} released its lock; empty when none has since this process started. A
     * container event from before it concerns what that write did (a restart's own stop, say), not a crash.
     */
    public Optional<Instant> releasedAt(String service) {
        return Optional.ofNullable(released.get(service));
    }
}

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

    /** The generation of every service that was ever locked; a service absent from it is at 0. */
    public java.util.Map<String, Long> generations() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        generations.forEach((service, g) -> out.put(service, g.get()));
        return out;
    }

    /**
     * When the last write to {@code service} released its lock; empty when none has since this process started. A
     * container event from before it concerns what that write did (a restart's own stop, say), not a crash.
     */
    public Optional<Instant> releasedAt(String service) {
        return Optional.ofNullable(released.get(service));
    }

    /**
     * Runs {@code work} holding the locks of every service in {@code generations} that no writer holds now and that
     * no write changed since its generation (the map's value; 0 for a service never locked) was read, and passes it
     * the names of those services; the others are left out, and it is up to {@code work} to leave their part alone.
     * Never waits for a lock (so it cannot deadlock), and is not a write: generations and release times stay. For a
     * reader whose records, read earlier, must not overwrite what a deploy or a stop wrote meanwhile.
     */
    public <T> T withUnchanged(java.util.Map<String, Long> generations,
                               java.util.function.Function<java.util.Set<String>, T> work) {
        java.util.List<ReentrantLock> held = new java.util.ArrayList<>();
        java.util.Set<String> unchanged = new java.util.HashSet<>();
        try {
            for (java.util.Map.Entry<String, Long> e : new java.util.TreeMap<>(generations).entrySet()) {
                ReentrantLock lock = locks.computeIfAbsent(e.getKey(), s -> new ReentrantLock(true));
                if (lock.tryLock()) {
                    held.add(lock);
                    if (generation(e.getKey()) == e.getValue()) {
                        unchanged.add(e.getKey());
                    }
                }
            }
            return work.apply(java.util.Set.copyOf(unchanged));
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }
}

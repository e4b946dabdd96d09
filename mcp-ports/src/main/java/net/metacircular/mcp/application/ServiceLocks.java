package net.metacircular.mcp.application;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per service name, so writes to one service are serialized while different services proceed in parallel. */
public final class ServiceLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Per service, bumped on every acquisition and release: odd while held, changed when a write came between. */
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the lock of {@code service}. */
    public <T> T with(String service, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(service, s -> new ReentrantLock(true));
        lock.lock();
        AtomicLong generation = generations.computeIfAbsent(service, s -> new AtomicLong());
        generation.incrementAndGet();
        try {
            return work.get();
        } finally {
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
}

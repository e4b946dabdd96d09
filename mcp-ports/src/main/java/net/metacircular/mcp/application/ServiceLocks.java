package net.metacircular.mcp.application;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per service name, so writes to one service are serialized while different services proceed in parallel. */
public final class ServiceLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the lock of {@code service}. */
    public <T> T with(String service, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(service, s -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}

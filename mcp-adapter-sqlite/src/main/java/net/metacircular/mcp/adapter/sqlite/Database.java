package net.metacircular.mcp.adapter.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import net.metacircular.mcp.port.out.RegistryBusyException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.sqlite.SQLiteException;

/**
 * The one {@link Jdbi} of a registry file with its units of work: read transactions that take no lock, and
 * write transactions that take SQLite's write lock at BEGIN, one at a time per process.
 */
final class Database implements AutoCloseable {
    /** SQLite's primary result code for a violated constraint; extended codes keep it in the low byte. */
    private static final int SQLITE_CONSTRAINT = 19;
    /** SQLite's primary result code for a lock another connection held past the busy timeout. */
    private static final int SQLITE_BUSY = 5;

    private final Path file;
    private final SqliteConnections connections;
    private final Jdbi jdbi;
    // SQLite allows one writer at a time; queueing this process's writers here, fairly, is cheaper than having
    // them poll SQLite's lock through the busy handler. One busy timeout bounds the whole wait of a write, here
    // and then in SQLite for writers in other processes, so a queue of writers behind a foreign lock cannot add
    // up to several timeouts.
    private final ReentrantLock writeLock = new ReentrantLock(true);

    Database(Path file, SqliteConnections connections) {
        this.file = file;
        this.connections = connections;
        this.jdbi = Jdbi.create(connections).installPlugin(new SQLitePlugin());
    }

    Path file() {
        return file;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} in a read transaction: one consistent view of the file, no lock held against writers. */
    <T> T read(String what, Function<Handle, T> work) {
        try {
            return jdbi.inTransaction(work::apply);
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} outside any transaction (for statements SQLite refuses inside one, such as VACUUM). */
    <T> T withHandle(String what, Function<Handle, T> work) {
        try {
            return jdbi.withHandle(work::apply);
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code work} in one write transaction: all of it is committed or none of it. Waiting for the write lock,
     * behind this process's writers and then another process's, takes at most the busy timeout in all; beyond it
     * the write fails with {@link RegistryBusyException}.
     */
    <T> T write(String what, Function<Handle, T> work) {
        Duration busyTimeout = connections.busyTimeout();
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        try {
            if (!writeLock.tryLock(busyTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(what, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "registry " + file + ": " + what + " was interrupted while waiting for the write lock", e);
        }
        try {
            return jdbi.withHandle(h -> {
                SqliteConnections.busyTimeout(h.getConnection(), Duration.ofNanos(deadline - System.nanoTime()));
                // BEGIN IMMEDIATE: a deferred transaction that reads and then writes fails with SQLITE_BUSY at
                // once, without waiting, when another connection committed in between.
                SqliteConnections.immediate(h.getConnection());
                try {
                    return h.inTransaction(tx -> {
                        SqliteConnections.deferred(tx.getConnection());
                        return work.apply(tx);
                    });
                } finally {
                    SqliteConnections.deferred(h.getConnection());
                    SqliteConnections.busyTimeout(h.getConnection(), busyTimeout);
                }
            });
        } catch (JdbiException e) {
            throw failure(what, e);
        } catch (SQLException e) {
            throw isBusy(e) ? busy(what, e)
                    : new IllegalStateException("registry " + file + ": " + what + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private RegistryBusyException busy(String what, Throwable cause) {
        return new RegistryBusyException("registry " + file + ": " + what + " failed: the registry's lock was held for "
                + "longer than the busy timeout (" + connections.busyTimeout().toMillis() + " ms); this change was not "
                + "recorded, try again", cause);
    }

    private static boolean isBusy(Throwable t) {
        return t instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLITE_BUSY;
    }

    /** A constraint violation is a bad change ({@link IllegalArgumentException}); anything else a broken store. */
    private RuntimeException failure(String what, JdbiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isBusy(t)) {
                return busy(what, e);
            }
            if (t instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLITE_CONSTRAINT) {
                return new IllegalArgumentException(
                        "registry " + file + ": " + what + " violates a constraint: " + s.getMessage(), e);
            }
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException("registry " + file + ": " + what + " failed: " + root.getMessage(), e);
    }

    @Override
    public void close() {
        connections.close();
    }
}

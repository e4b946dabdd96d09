package net.metacircular.mcp.adapter.sqlite;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Connections to one SQLite file, each opened with the registry's pragmas, with a few kept idle for reuse.
 * Keeping one open also keeps SQLite from checkpointing and deleting the WAL after every unit of work.
 */
final class SqliteConnections implements ConnectionFactory, AutoCloseable {
    private static final Logger LOG = System.getLogger(SqliteConnections.class.getName());
    private static final int MAX_IDLE = 4;

    private final Path file;
    private final Duration busyTimeout;
    private final SQLiteDataSource dataSource;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
    private volatile boolean closed;

    SqliteConnections(Path file, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
        SQLiteConfig config = new SQLiteConfig();
        // Pragmas that live in the connection, not the file: every connection needs them.
        config.enforceForeignKeys(true);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // The file was created 0600 by the registry; SQLite must never create one with the umask's mode.
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl("jdbc:sqlite:" + file);
    }

    /** How long a statement waits for another connection's lock; every connection opens with it. */
    Duration busyTimeout() {
        return busyTimeout;
    }

    /** Sets how long the next statements on {@code connection} wait for another connection's lock. */
    static void busyTimeout(Connection connection, Duration wait) throws SQLException {
        connection.unwrap(SQLiteConnection.class).setBusyTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("registry " + file + " is closed");
        }
        Connection reused = idle.poll();
        return reused != null ? reused : dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (closed || connection.isClosed() || !connection.getAutoCommit()) {
            // A connection left inside a transaction is not trusted with the next unit of work.
            connection.close();
            return;
        }
        deferred(connection);
        if (!idle.offer(connection)) {
            connection.close();
        } else if (closed) {
            drain();
        }
    }

    /** Makes the next transaction on {@code connection} take the write lock at BEGIN, waiting out other writers. */
    static void immediate(Connection connection) throws SQLException {
        connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                .setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }

    /**
     * Makes the next transaction on {@code connection} take no lock until it touches the database. Also called
     * inside a write transaction once it has begun, because sqlite-jdbc begins the next transaction right after
     * a commit, and an immediate one would grab the write lock again for nothing.
     */
    static void deferred(Connection connection) throws SQLException {
        connection.unwrap(SQLiteConnection.class).getConnectionConfig()
                .setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "closing a connection to registry " + file + " failed: " + e.getMessage());
            }
        }
    }
}

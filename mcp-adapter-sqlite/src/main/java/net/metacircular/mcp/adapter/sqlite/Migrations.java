package net.metacircular.mcp.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The registry's numbered schema migrations, applied in order, each in its own transaction together with its
 * row in {@code schema_migrations}. A migration once released is never edited: a change is a new one.
 */
final class Migrations {
    private static final Logger LOG = System.getLogger(Migrations.class.getName());

    /** One migration: {@code migrations/V<version, 3 digits>__<name>.sql} next to this class. */
    record Migration(int version, String name) {
        String resource() {
            return "migrations/V%03d__%s.sql".formatted(version, name);
        }
    }

    /** Every migration the code knows, in order; append only. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "initial"));

    private Migrations() {
    }

    /** The newest schema version this code knows. */
    static int latest() {
        return ALL.getLast().version();
    }

    /** Applies the migrations the file lacks; returns how many. Refuses a file with a newer schema. */
    static int apply(Database db) {
        db.withHandle("creating schema_migrations", h -> h.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                        + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
        int applied = 0;
        for (Migration m : ALL) {
            boolean ran = db.write("migration " + m.version() + " (" + m.name() + ")", h -> {
                // Checked inside the write transaction, so two processes opening one file apply it once.
                int current = currentVersion(h);
                refuseNewer(db, current);
                if (current >= m.version()) {
                    return false;
                }
                h.createScript(load(m)).execute();
                h.createUpdate("INSERT INTO schema_migrations(version, name, applied_at) "
                                + "VALUES (:version, :name, " + Timestamps.SQL_NOW + ")")
                        .bind("version", m.version())
                        .bind("name", m.name())
                        .execute();
                return true;
            });
            if (ran) {
                applied++;
                LOG.log(Level.INFO, "registry " + db.file() + ": applied migration " + m.resource());
            }
        }
        return applied;
    }

    static int currentVersion(Handle h) {
        return h.createQuery("SELECT coalesce(max(version), 0) FROM schema_migrations").mapTo(Integer.class).one();
    }

    private static void refuseNewer(Database db, int current) {
        if (current > latest()) {
            throw new IllegalStateException("registry " + db.file() + " has schema version " + current
                    + ", newer than the " + latest() + " this mcp-agent knows: refusing to open it "
                    + "(run a newer mcp-agent, or restore a snapshot taken by this version)");
        }
    }

    private static String load(Migration m) {
        try (InputStream in = Migrations.class.getResourceAsStream(m.resource())) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + m.resource() + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading migration " + m.resource(), e);
        }
    }
}

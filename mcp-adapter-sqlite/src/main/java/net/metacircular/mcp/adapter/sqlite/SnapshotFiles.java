package net.metacircular.mcp.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The registry's snapshots in {@code backups/} beside the database: {@code mcp-<UTC time>.db}, mode 0600, written
 * with {@code VACUUM INTO} while the agent runs, and only the newest {@code keep} kept.
 */
public final class SnapshotFiles {
    private static final System.Logger LOG = System.getLogger(SnapshotFiles.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The names this class writes, and the only files it ever deletes. */
    static final Pattern NAME = Pattern.compile("mcp-[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z\\.db");

    private SnapshotFiles() {
    }

    /** The snapshot directory of the registry at {@code database}. */
    public static Path directory(Path database) {
        return database.toAbsolutePath().normalize().getParent().resolve("backups");
    }

    /**
     * Writes a snapshot of the registry at {@code database} taken at {@code now}, then deletes all but the newest
     * {@code keep} snapshots; returns the new snapshot's path.
     */
    public static Path write(Path database, Instant now, int keep, Duration busyTimeout) {
        Objects.requireNonNull(database, "'database' must not be null");
        Objects.requireNonNull(now, "'now' must not be null");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1");
        }
        Path dir = directory(database);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path target = dir.resolve("mcp-" + STAMP.format(now) + ".db");
        try (SqliteRegistry registry = SqliteRegistry.open(database, busyTimeout)) {
            registry.snapshot(target);
        }
        prune(dir, keep);
        return target;
    }

    /** The snapshots in {@code dir}, newest first. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // The names sort by time, so the newest is the greatest.
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes all but the newest {@code keep} snapshots in {@code dir}; returns the deleted ones. */
    public static List<Path> prune(Path dir, int keep) {
        List<Path> all = list(dir);
        List<Path> deleted = new ArrayList<>();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
                deleted.add(old);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete old snapshot {0}: {1}", old, e.getMessage());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "deleted {0} old snapshots, keeping the newest {1}", deleted.size(), keep);
        }
        return deleted;
    }
}

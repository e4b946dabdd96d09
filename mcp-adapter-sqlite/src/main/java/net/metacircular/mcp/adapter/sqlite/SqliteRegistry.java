package net.metacircular.mcp.adapter.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.out.Registry;

/**
 * The node's registry in one SQLite file (mode 0600, WAL, foreign keys, busy timeout), read and written through
 * JDBI; open it with {@link #open(Path, Duration)}.
 */
public final class SqliteRegistry implements Registry {
    private static final Logger LOG = System.getLogger(SqliteRegistry.class.getName());
    /** Events deleted per write transaction by {@link #pruneEvents}. */
    static final int PRUNE_BATCH = 2_000;
    /** The longest pause between two prune batches. */
    static final Duration PRUNE_PAUSE_MAX = Duration.ofMillis(50);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    /** A component's ordered string lists, one table each; names are constants, never input. */
    private record ListTable(String table, String column, Function<ComponentSpec, List<String>> values) {
    }

    private static final List<ListTable> LIST_TABLES = List.of(
            new ListTable("component_ports", "mapping", ComponentSpec::ports),
            new ListTable("component_volumes", "mapping", ComponentSpec::volumes),
            new ListTable("component_cmd", "arg", ComponentSpec::cmd),
            new ListTable("component_env", "entry", ComponentSpec::env));

    private record Key(String service, String component) {
    }

    private record ServiceRow(String name, boolean active) {
    }

    private record ComponentRow(String service, String name, String image, String network, String user,
                                String restart, DesiredState desired, ObservedState observed, String version,
                                String containerId, Instant started) {
    }

    private record ListEntry(Key key, String value) {
    }

    private static final RowMapper<ServiceRow> SERVICE_ROW =
            (rs, ctx) -> new ServiceRow(rs.getString("name"), rs.getInt("active") != 0);

    private static final RowMapper<ComponentRow> COMPONENT_ROW = (rs, ctx) -> new ComponentRow(
            rs.getString("service"), rs.getString("name"), rs.getString("image"), rs.getString("network"),
            rs.getString("user_spec"), rs.getString("restart"),
            DesiredState.parse(rs.getString("desired_state")), ObservedState.parse(rs.getString("observed_state")),
            rs.getString("version"), rs.getString("container_id"),
            Timestamps.parseNullable(rs.getString("started_at")));

    private static final RowMapper<ListEntry> LIST_ENTRY = (rs, ctx) -> new ListEntry(
            new Key(rs.getString("service"), rs.getString("component")), rs.getString("value"));

    private static final RowMapper<Event> EVENT = (rs, ctx) -> new Event(
            rs.getString("service"), rs.getString("component"),
            ObservedState.parse(rs.getString("prev_state")), ObservedState.parse(rs.getString("new_state")),
            Timestamps.parse(rs.getString("timestamp")));

    private static final String EVENT_COLUMNS = "SELECT service, component, prev_state, new_state, timestamp FROM events";

    private final Database db;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteRegistry(Database db) {
        this.db = db;
    }

    /**
     * Opens the registry in {@code databaseFile}, creating the file with mode 0600 when absent and applying the
     * migrations it lacks.
     *
     * @param databaseFile the SQLite file; its directory must exist
     * @param busyTimeout  how long a statement waits for another connection's lock before failing
     * @throws IllegalArgumentException when the directory is missing or the path is not a regular file
     * @throws IllegalStateException    when the file is unreadable, not an SQLite database, or has a schema newer
     *                                  than this code knows
     */
    public static SqliteRegistry open(Path databaseFile, Duration busyTimeout) {
        Objects.requireNonNull(databaseFile, "'databaseFile' must not be null");
        Objects.requireNonNull(busyTimeout, "'busyTimeout' must not be null");
        if (busyTimeout.isNegative() || busyTimeout.isZero() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout " + busyTimeout + " must be positive and under 24 days");
        }
        Path file = databaseFile.toAbsolutePath().normalize();
        createOwnerOnly(file);
        Database db = new Database(file, new SqliteConnections(file, busyTimeout));
        try {
            enableWal(db);
            int applied = Migrations.apply(db);
            restrictSidecars(file);
            LOG.log(Level.INFO, "registry " + file + " open at schema version " + Migrations.latest()
                    + " (" + applied + " migrations applied now)");
            return new SqliteRegistry(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static void createOwnerOnly(Path file) {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "registry database directory " + dir + " does not exist (database " + file + ")");
        }
        try {
            // Created here rather than by SQLite so that no other user can ever read it, not even for an instant.
            Files.createFile(file, OWNER_ONLY_ATTRIBUTE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("registry database " + file + " is not a regular file", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create registry database " + file + ": " + e.getMessage(), e);
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw new IllegalStateException("registry database " + file + " is not readable and writable by this user");
        }
        try {
            // An existing file with a looser mode (the umask's, a copy) is tightened: it describes the node.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set mode 0600 on registry database " + file, e);
        }
    }

    private static void enableWal(Database db) {
        String mode;
        try {
            // The journal mode lives in the file, so once is enough; this is also the first read of the header.
            mode = db.withHandle("enabling WAL",
                    h -> h.createQuery("PRAGMA journal_mode=WAL").mapTo(String.class).one());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("registry database " + db.file()
                    + " is unreadable or not an SQLite database: " + e.getCause().getMessage(), e);
        }
        if (!"wal".equalsIgnoreCase(mode)) {
            throw new IllegalStateException("registry database " + db.file() + " refused WAL journal mode (" + mode + ")");
        }
    }

    private static void restrictSidecars(Path file) {
        for (String suffix : List.of("-wal", "-shm")) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, OWNER_ONLY);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set mode 0600 on " + sidecar, e);
            }
        }
    }

    @Override
    public List<ServiceRecord> services() {
        ensureOpen();
        return db.read("listing services", h -> load(h, Optional.empty()));
    }

    /** One small query, whatever the number of discovered containers (BENCHMARKS.md, P4). */
    @Override
    public Set<String> managedContainers() {
        ensureOpen();
        return db.read("listing managed containers", h -> h.createQuery(
                        "SELECT service, name FROM components WHERE desired_state <> :ignore")
                .bind("ignore", DesiredState.IGNORE.wire())
                .map((rs, ctx) -> Names.containerName(rs.getString("service"), rs.getString("name")))
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public Optional<ServiceRecord> service(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        ensureOpen();
        return db.read("reading service " + name, h -> load(h, Optional.of(name))).stream().findFirst();
    }

    /** Loads services with a fixed number of queries, whatever the number of components. */
    private static List<ServiceRecord> load(Handle h, Optional<String> only) {
        List<ServiceRow> services = query(h, "SELECT name, active FROM services", "name", only, "ORDER BY name")
                .map(SERVICE_ROW).list();
        if (services.isEmpty()) {
            return List.of();
        }
        List<ComponentRow> components = query(h,
                "SELECT service, name, image, network, user_spec, restart, desired_state, observed_state, version, "
                        + "container_id, started_at FROM components", "service", only, "ORDER BY service, name")
                .map(COMPONENT_ROW).list();
        List<Map<Key, List<String>>> lists = new ArrayList<>();
        for (ListTable t : LIST_TABLES) {
            Map<Key, List<String>> byComponent = new LinkedHashMap<>();
            query(h, "SELECT service, component, " + t.column() + " AS value FROM " + t.table(), "service", only,
                    "ORDER BY service, component, position")
                    .map(LIST_ENTRY)
                    .forEach(e -> byComponent.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value()));
            lists.add(byComponent);
        }
        Map<String, List<ComponentRecord>> byService = new LinkedHashMap<>();
        for (ComponentRow c : components) {
            Key key = new Key(c.service(), c.name());
            ComponentSpec spec = new ComponentSpec(c.name(), c.image(), c.network(), c.user(), c.restart(),
                    lists.get(0).getOrDefault(key, List.of()), lists.get(1).getOrDefault(key, List.of()),
                    lists.get(2).getOrDefault(key, List.of()), lists.get(3).getOrDefault(key, List.of()));
            byService.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(new ComponentRecord(
                    c.service(), spec, c.desired(), c.observed(), c.version(), c.started(), c.containerId()));
        }
        return services.stream()
                .map(s -> new ServiceRecord(s.name(), s.active(), byService.getOrDefault(s.name(), List.of())))
                .toList();
    }

    private static Query query(Handle h, String select, String serviceColumn, Optional<String> only, String order) {
        if (only.isEmpty()) {
            return h.createQuery(select + " " + order);
        }
        return h.createQuery(select + " WHERE " + serviceColumn + " = :service " + order).bind("service", only.get());
    }

    @Override
    public void apply(RegistryChange change) {
        Objects.requireNonNull(change, "'change' must not be null");
        ensureOpen();
        if (change.isEmpty()) {
            return;
        }
        // A component listed twice is written once, the last one winning, as an upsert of each in turn would.
        Map<Key, ComponentRecord> components = new LinkedHashMap<>();
        change.components().forEach(c -> components.put(new Key(c.service(), c.name()), c));
        db.write("applying a change", h -> {
            PreparedBatch removals = h.prepareBatch("DELETE FROM services WHERE name = :name");
            change.removedServices().forEach(name -> removals.bind("name", name).add());
            run(removals);

            PreparedBatch services = h.prepareBatch("INSERT INTO services(name, active) VALUES (:name, :active) "
                    + "ON CONFLICT(name) DO UPDATE SET active = excluded.active, updated_at = " + Timestamps.SQL_NOW);
            change.services().forEach((name, active) -> services.bind("name", name).bind("active", active ? 1 : 0).add());
            run(services);

            writeComponents(h, components.values());

            PreparedBatch events = h.prepareBatch("INSERT INTO events(service, component, prev_state, new_state, "
                    + "timestamp) VALUES (:service, :component, :prev, :next, :at)");
            change.events().forEach(e -> events.bind("service", e.service()).bind("component", e.component())
                    .bind("prev", e.prev().wire()).bind("next", e.next().wire())
                    .bind("at", Timestamps.format(e.at())).add());
            run(events);
            return null;
        });
    }

    private static void writeComponents(Handle h, Iterable<ComponentRecord> components) {
        PreparedBatch owners = h.prepareBatch(
                "INSERT INTO services(name, active) VALUES (:service, 1) ON CONFLICT(name) DO NOTHING");
        PreparedBatch rows = h.prepareBatch("INSERT INTO components(service, name, image, network, user_spec, "
                + "restart, desired_state, observed_state, version, container_id, started_at) VALUES (:service, "
                + ":name, :image, :network, :user, :restart, :desired, :observed, :version, :containerId, :started) "
                + "ON CONFLICT(service, name) DO UPDATE SET image = excluded.image, network = excluded.network, "
                + "user_spec = excluded.user_spec, restart = excluded.restart, "
                + "desired_state = excluded.desired_state, observed_state = excluded.observed_state, "
                + "version = excluded.version, container_id = excluded.container_id, "
                + "started_at = excluded.started_at, updated_at = " + Timestamps.SQL_NOW);
        List<PreparedBatch> clears = new ArrayList<>();
        List<PreparedBatch> inserts = new ArrayList<>();
        for (ListTable t : LIST_TABLES) {
            clears.add(h.prepareBatch("DELETE FROM " + t.table() + " WHERE service = :service AND component = :name"));
            inserts.add(h.prepareBatch("INSERT INTO " + t.table() + "(service, component, position, " + t.column()
                    + ") VALUES (:service, :name, :position, :value)"));
        }
        for (ComponentRecord c : components) {
            ComponentSpec s = c.spec();
            owners.bind("service", c.service()).add();
            rows.bind("service", c.service()).bind("name", s.name()).bind("image", s.image())
                    .bind("network", s.network()).bind("user", s.user()).bind("restart", s.restart())
                    .bind("desired", c.desired().wire()).bind("observed", c.observed().wire())
                    .bind("version", c.version()).bind("containerId", c.containerId())
                    .bind("started", Timestamps.formatNullable(c.started())).add();
            for (int t = 0; t < LIST_TABLES.size(); t++) {
                clears.get(t).bind("service", c.service()).bind("name", s.name()).add();
                List<String> values = LIST_TABLES.get(t).values().apply(s);
                for (int i = 0; i < values.size(); i++) {
                    inserts.get(t).bind("service", c.service()).bind("name", s.name()).bind("position", i)
                            .bind("value", values.get(i)).add();
                }
            }
        }
        run(owners);
        run(rows);
        clears.forEach(SqliteRegistry::run);
        inserts.forEach(SqliteRegistry::run);
    }

    private static void run(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    @Override
    public List<Event> recentEvents(Optional<String> service, int limit) {
        Objects.requireNonNull(service, "'service' must not be null");
        if (limit < 0) {
            throw new IllegalArgumentException("event limit " + limit + " must not be negative");
        }
        ensureOpen();
        if (limit == 0) {
            return List.of();
        }
        return db.read("listing recent events", h -> query(h, EVENT_COLUMNS, "service", service,
                "ORDER BY timestamp DESC, id DESC LIMIT :limit").bind("limit", limit).map(EVENT).list());
    }

    @Override
    public List<Event> events(String service, String component, Instant since) {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(since, "'since' must not be null");
        ensureOpen();
        return db.read("listing events of " + service + "/" + component, h -> h.createQuery(EVENT_COLUMNS
                        + " WHERE service = :service AND component = :component AND timestamp >= :since "
                        + "ORDER BY timestamp, id")
                .bind("service", service).bind("component", component).bind("since", Timestamps.format(since))
                .map(EVENT).list());
    }

    /**
     * Deletes in transactions of {@link #PRUNE_BATCH} rows, oldest first: one DELETE of a million rows held the write
     * lock for ~9 s, and every write queued behind it (BENCHMARKS.md, P6); between batches other writers get their turn.
     * After each full batch it pauses as long as the batch took (at most {@link #PRUNE_PAUSE_MAX}), so a large backlog
     * takes at most about half of a core and RPCs keep the rest.
     */
    @Override
    public int pruneEvents(Instant before) {
        Objects.requireNonNull(before, "'before' must not be null");
        ensureOpen();
        String cutoff = Timestamps.format(before);
        int total = 0;
        while (true) {
            long started = System.nanoTime();
            int deleted = db.write("pruning events", h -> h.createUpdate("DELETE FROM events WHERE id IN "
                            + "(SELECT id FROM events WHERE timestamp < :before ORDER BY timestamp LIMIT :batch)")
                    .bind("before", cutoff).bind("batch", PRUNE_BATCH).execute());
            total += deleted;
            if (deleted < PRUNE_BATCH) {
                return total;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(System.nanoTime() - started, PRUNE_PAUSE_MAX.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total; // the rest goes at the next prune
            }
        }
    }

    @Override
    public void snapshot(Path target) {
        Objects.requireNonNull(target, "'target' must not be null");
        ensureOpen();
        Path file = target.toAbsolutePath().normalize();
        if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw new IllegalArgumentException("snapshot directory " + file.getParent() + " does not exist");
        }
        try {
            // VACUUM INTO accepts an empty file: creating it first means the copy is never readable by others,
            // and the creation fails atomically when the target exists.
            Files.createFile(file, OWNER_ONLY_ATTRIBUTE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("snapshot target " + file + " already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot " + file + ": " + e.getMessage(), e);
        }
        try {
            db.withHandle("writing a snapshot to " + file, h -> h.execute("VACUUM INTO ?", file.toString()));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot set mode 0600 on snapshot " + file, io);
            }
            throw (RuntimeException) e;
        }
        LOG.log(Level.INFO, "registry " + db.file() + " snapshot written to " + file);
    }

    @Override
    public boolean healthy() {
        if (closed.get()) {
            return false;
        }
        try {
            return db.withHandle("health check", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "registry " + db.file() + " health check failed: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            db.close();
        }
    }

    /** The database file, absolute. */
    Path file() {
        return db.file();
    }

    /** The JDBI instance, for tests that inspect the file's pragmas and tables. */
    Jdbi jdbi() {
        return db.jdbi();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("registry " + db.file() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "SqliteRegistry[" + db.file() + "]";
    }
}

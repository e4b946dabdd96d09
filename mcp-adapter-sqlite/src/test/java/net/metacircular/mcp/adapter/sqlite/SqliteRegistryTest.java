package net.metacircular.mcp.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.port.out.RegistryBusyException;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite registry promises beyond the registry contract: file, schema, pragmas, locking, snapshots. */
class SqliteRegistryTest {
    private static final Duration BUSY = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-26T01:02:03.456Z");

    @TempDir
    Path dir;

    private static ComponentRecord component(String service, String name, List<String> ports) {
        ComponentSpec spec = new ComponentSpec(name, "registry.test/" + name + ":v1", "", "", "", ports, List.of(),
                List.of(), List.of());
        return new ComponentRecord(service, spec, DesiredState.RUNNING, ObservedState.RUNNING, "v1", T0, "id-" + name);
    }

    private static Event event(String service, int n) {
        return new Event(service, "api", ObservedState.UNKNOWN, ObservedState.RUNNING, T0.plusMillis(n));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Map<String, Object>> rows(SqliteRegistry r, String sql) {
        return r.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());
    }

    @Test
    void givenNewFile_whenOpened_thenEveryMigrationIsRecordedOnce_andReopeningAppliesNothing() {
        Path file = dir.resolve("mcp.db");
        List<Map<String, Object>> first;
        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            first = rows(r, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
        }
        assertThat(first).extracting(m -> m.get("version")).containsExactly(1);
        assertThat(first).extracting(m -> m.get("name")).containsExactly("initial");
        assertThat((String) first.getFirst().get("applied_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        try (SqliteRegistry again = SqliteRegistry.open(file, BUSY)) {
            assertThat(rows(again, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"))
                    .isEqualTo(first);
        }
    }

    @Test
    void pruneOfMoreThanOneBatch_deletesEveryOlderEvent_andKeepsTheRest() {
        int older = 2 * SqliteRegistry.PRUNE_BATCH + 7;
        try (SqliteRegistry r = SqliteRegistry.open(dir.resolve("mcp.db"), BUSY)) {
            RegistryChange.Builder change = RegistryChange.builder();
            for (int n = 0; n < older + 3; n++) {
                change.event(event("web", n));
            }
            r.apply(change.build());

            assertThat(r.pruneEvents(T0.plusMillis(older))).isEqualTo(older);
            assertThat(rows(r, "SELECT COUNT(*) AS n FROM events").getFirst().get("n")).isEqualTo(3);
            assertThat(r.pruneEvents(T0.plusMillis(older))).isZero();
        }
    }

    @Test
    void givenKnownMigrations_thenVersionsAscendFromOneWithoutGapsAndEachResourceExists() {
        for (int i = 0; i < Migrations.ALL.size(); i++) {
            Migrations.Migration m = Migrations.ALL.get(i);
            assertThat(m.version()).isEqualTo(i + 1);
            assertThat(Migrations.class.getResource(m.resource())).as(m.resource()).isNotNull();
        }
    }

    @Test
    void givenNoFile_whenOpened_thenTheDatabaseAndItsWalFilesAreOwnerOnly() throws Exception {
        Path file = dir.resolve("mcp.db");
        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            r.apply(RegistryChange.builder().component(component("web", "api", List.of())).build());

            assertThat(mode(file)).isEqualTo("rw-------");
            for (String suffix : List.of("-wal", "-shm")) {
                Path sidecar = dir.resolve("mcp.db" + suffix);
                assertThat(sidecar).exists();
                assertThat(mode(sidecar)).as(suffix).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void givenExistingFileReadableByOthers_whenOpened_thenItIsTightenedToOwnerOnly() throws Exception {
        Path file = dir.resolve("mcp.db");
        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            r.apply(RegistryChange.builder().service("web", true).build());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(r.service("web")).isPresent();
        }
    }

    @Test
    void givenMissingDirectory_whenOpened_thenItIsRefusedNamingThePath() {
        Path file = dir.resolve("nosuch").resolve("mcp.db");

        assertThatThrownBy(() -> SqliteRegistry.open(file, BUSY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("nosuch").toString());
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void givenFileThatIsNotADatabase_whenOpened_thenItIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("mcp.db"), "this is not an SQLite database, just some text ".repeat(100));

        assertThatThrownBy(() -> SqliteRegistry.open(file, BUSY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an SQLite database");
    }

    @Test
    void givenSchemaNewerThanTheCode_whenOpened_thenItIsRefusedNamingThePathAndVersion() {
        Path file = dir.resolve("mcp.db");
        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            r.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 'x')"));
        }

        assertThatThrownBy(() -> SqliteRegistry.open(file, BUSY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("999")
                .hasMessageContaining("newer");
    }

    @Test
    void givenNonPositiveBusyTimeout_whenOpened_thenItIsRefused() {
        assertThatThrownBy(() -> SqliteRegistry.open(dir.resolve("mcp.db"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("mcp.db")).doesNotExist();
    }

    @Test
    void givenOpenRegistry_thenEveryConnectionHasForeignKeysBusyTimeoutAndNormalSync_andTheFileIsInWal() {
        try (SqliteRegistry r = SqliteRegistry.open(dir.resolve("mcp.db"), Duration.ofMillis(4321))) {
            // Nested handles take distinct connections, so more than the first one is checked.
            List<List<Object>> seen = new ArrayList<>();
            r.jdbi().useHandle(a -> r.jdbi().useHandle(b -> r.jdbi().useHandle(c -> {
                for (Handle h : List.of(a, b, c)) {
                    seen.add(List.of(
                            h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one(),
                            h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one(),
                            h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                            h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()));
                }
            })));

            assertThat(seen).hasSize(3).containsOnly(List.of(1, 4321, 1, "wal"));
        }
    }

    @Test
    void givenServiceWithComponentsAndLists_whenItsRowIsDeleted_thenForeignKeysCascadeToEveryTable() {
        try (SqliteRegistry r = SqliteRegistry.open(dir.resolve("mcp.db"), BUSY)) {
            ComponentSpec spec = new ComponentSpec("api", "registry.test/api:v1", "", "", "", List.of("80:80"),
                    List.of("/a:/a"), List.of("run"), List.of("A=1"));
            r.apply(RegistryChange.builder()
                    .component(new ComponentRecord("web", spec, DesiredState.RUNNING, ObservedState.RUNNING, "v1",
                            null, ""))
                    .event(event("web", 1)).build());

            r.jdbi().useHandle(h -> h.execute("DELETE FROM services WHERE name = 'web'"));

            for (String table : List.of("components", "component_ports", "component_volumes", "component_cmd",
                    "component_env")) {
                assertThat(rows(r, "SELECT * FROM " + table)).as(table).isEmpty();
            }
            assertThat(rows(r, "SELECT * FROM events")).hasSize(1);
        }
    }

    @Test
    void givenRecordsWithTimes_whenStored_thenTimesAreFixedWidthUtcMilliseconds() {
        try (SqliteRegistry r = SqliteRegistry.open(dir.resolve("mcp.db"), BUSY)) {
            r.apply(RegistryChange.builder()
                    .component(component("web", "api", List.of()).withObservation(ObservedState.RUNNING,
                            Instant.parse("2026-01-02T03:04:05Z"), "x"))
                    .event(new Event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING,
                            Instant.parse("2026-01-02T03:04:05.100200300Z")))
                    .build());

            assertThat(rows(r, "SELECT started_at FROM components")).extracting(m -> m.get("started_at"))
                    .containsExactly("2026-01-02T03:04:05.000Z");
            assertThat(rows(r, "SELECT timestamp FROM events")).extracting(m -> m.get("timestamp"))
                    .containsExactly("2026-01-02T03:04:05.100Z");
            assertThat((String) rows(r, "SELECT updated_at FROM components").getFirst().get("updated_at"))
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
    }

    @Test
    void givenEightThreadsOnTwoRegistriesOfOneFile_whenEachApplies200Changes_thenNoneFailsAndAllAreStored()
            throws Exception {
        Path file = dir.resolve("mcp.db");
        int threads = 8;
        int perThread = 200;
        // Two registries on one file stand for two processes: only SQLite's locks and busy timeout order them.
        try (SqliteRegistry one = SqliteRegistry.open(file, BUSY); SqliteRegistry two = SqliteRegistry.open(file, BUSY)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SqliteRegistry r = t % 2 == 0 ? one : two;
                String service = "svc" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        r.apply(RegistryChange.builder()
                                .component(component(service, "api", List.of("80" + (i % 10) + ":80")))
                                .event(event(service, i))
                                .build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(one.services()).hasSize(threads);
            assertThat(two.recentEvents(Optional.empty(), threads * perThread + 1)).hasSize(threads * perThread);
            assertThat(one.events("svc3", "api", Instant.EPOCH)).hasSize(perThread);
        }
    }

    @Test
    void givenAWriterRunning_whenSnapshotted_thenTheSnapshotIsAValidDatabaseWithEveryRowCommittedBefore()
            throws Exception {
        Path file = dir.resolve("mcp.db");
        Path target = dir.resolve("snapshot.db");
        try (SqliteRegistry r = SqliteRegistry.open(file, BUSY)) {
            r.apply(RegistryChange.builder().component(component("web", "api", List.of("80:80"))).build());
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writing = writer.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    r.apply(RegistryChange.builder().event(event("web", i)).build());
                    committed.incrementAndGet();
                }
                return null;
            });
            while (committed.get() < 50) {
                Thread.sleep(5);
            }
            int before = committed.get();

            r.snapshot(target);

            int after = committed.get();
            stop.set(true);
            writing.get(1, TimeUnit.MINUTES);
            writer.shutdown();
            assertThat(after).as("the writer kept writing during the snapshot").isGreaterThanOrEqualTo(before);
            assertThat(mode(target)).isEqualTo("rw-------");
            try (SqliteRegistry copy = SqliteRegistry.open(target, BUSY)) {
                assertThat(rows(copy, "PRAGMA integrity_check")).extracting(m -> m.values().iterator().next())
                        .containsExactly("ok");
                assertThat(copy.services()).isEqualTo(r.services());
                List<Event> events = copy.events("web", "api", Instant.EPOCH);
                // One apply may commit before the copy starts and count itself only after {@code after} was read.
                assertThat(events.size()).isBetween(before, after + 1);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i)).isEqualTo(event("web", i));
                }
            }
        }
    }

    @Test
    void givenForeignLockHeldBeyondBusyTimeout_whenWritersOfThisProcessQueue_thenEachFailsWithinAboutOneTimeout_busy_andNothingIsWritten()
            throws Exception {
        Path file = dir.resolve("mcp.db");
        Duration busy = Duration.ofSeconds(1);
        int writers = 4;
        try (SqliteRegistry r = SqliteRegistry.open(file, busy);
                java.sql.Connection foreign = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement st = foreign.createStatement()) {
            r.apply(RegistryChange.builder().component(component("web", "api", List.of())).build());
            // Another process's writer (an operator's sqlite3, a snapshot tool) holding the lock far longer.
            st.execute("BEGIN IMMEDIATE");
            st.execute("UPDATE services SET updated_at = updated_at");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Duration>> waits = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                String service = "q" + t;
                waits.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    assertThatThrownBy(() -> r.apply(RegistryChange.builder().component(component(service, "api", List.of()))
                            .event(event(service, 1)).build()))
                            .isInstanceOf(RegistryBusyException.class)
                            .hasMessageContaining(file.toString())
                            .hasMessageContaining("1000 ms")
                            .hasMessageContaining("this change was not recorded");
                    return Duration.ofNanos(System.nanoTime() - t0);
                }));
            }
            start.countDown();
            List<Duration> took = new ArrayList<>();
            for (Future<Duration> f : waits) {
                took.add(f.get(1, TimeUnit.MINUTES));
            }
            pool.shutdown();
            st.execute("ROLLBACK");

            // Queued one behind the other, each with its own full timeout, the last would wait four seconds.
            assertThat(took).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(900))
                    .isLessThan(Duration.ofMillis(2500)));
            assertThat(r.services()).extracting(s -> s.name()).containsExactly("web");
            assertThat(r.recentEvents(Optional.empty(), 10)).isEmpty();
            // The lock gone, the same write succeeds, on a connection whose busy timeout is whole again.
            r.apply(RegistryChange.builder().component(component("q0", "api", List.of())).build());
            r.jdbi().useHandle(h -> assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(1000));
        }
    }

    @Test
    void givenClosedRegistry_whenClosedAgain_thenNothingHappens() {
        SqliteRegistry r = SqliteRegistry.open(dir.resolve("mcp.db"), BUSY);
        r.close();

        r.close();

        assertThat(r.healthy()).isFalse();
    }
}

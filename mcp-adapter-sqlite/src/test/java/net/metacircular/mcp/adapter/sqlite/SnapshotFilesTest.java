package net.metacircular.mcp.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.RegistryChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void snapshots_areOwnerOnly_timestamped_andOnlyTheNewestNAreKept_otherFilesUntouched() throws Exception {
        Path db = dir.resolve("mcp.db");
        SqliteRegistry.open(db, Duration.ofSeconds(5)).close();
        Files.createDirectories(SnapshotFiles.directory(db));
        Path foreign = Files.writeString(SnapshotFiles.directory(db).resolve("operator-notes.db"), "x");

        for (int i = 0; i < 5; i++) {
            SnapshotFiles.write(db, T0.plusSeconds(i), 3, Duration.ofSeconds(5));
        }

        assertThat(SnapshotFiles.list(SnapshotFiles.directory(db))).extracting(p -> p.getFileName().toString())
                .containsExactly("mcp-20261126T000004.000Z.db", "mcp-20261126T000003.000Z.db", "mcp-20261126T000002.000Z.db");
        assertThat(Files.getPosixFilePermissions(SnapshotFiles.list(SnapshotFiles.directory(db)).getFirst()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(foreign).exists();
    }

    @Test
    void snapshotTakenWhileAnotherConnectionWrites_opensAsAValidRegistryWithEveryRowCommittedBeforeIt() throws Exception {
        Path db = dir.resolve("mcp.db");
        try (SqliteRegistry live = SqliteRegistry.open(db, Duration.ofSeconds(5))) {
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                    live.apply(RegistryChange.builder().service("svc" + i, true).component(new ComponentRecord("svc" + i,
                            ComponentSpec.of("api", "app:v1"), DesiredState.RUNNING, ObservedState.RUNNING, "v1", T0, "id")).build());
                }
            });
            while (live.services().size() < 20) {
                Thread.sleep(5);
            }
            int committedBefore = live.services().size();
            Path snap = SnapshotFiles.write(db, T0, 7, Duration.ofSeconds(5));
            writer.join();

            try (SqliteRegistry copy = SqliteRegistry.open(snap, Duration.ofSeconds(5))) {
                assertThat(copy.healthy()).isTrue();
                assertThat(copy.services().size()).isBetween(committedBefore, 200);
                assertThat(copy.services()).allSatisfy(s -> assertThat(s.components()).hasSize(1));
                assertThat(copy.service("svc0")).map(s -> s.component("api").orElseThrow().observed())
                        .isEqualTo(Optional.of(ObservedState.RUNNING));
            }
        }
        assertThat(List.of(db)).allSatisfy(p -> assertThat(p).exists());
    }
}

package net.metacircular.mcp.port.out;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;

/**
 * A faithful in-memory {@link Registry} for use-case tests: the same ordering, atomicity, millisecond precision
 * and constraints as the SQLite registry (kept honest by {@link RegistryContract}); thread-safe, and every read
 * returns immutable copies.
 */
public final class InMemoryRegistry implements Registry {
    private record Row(boolean active, TreeMap<String, ComponentRecord> components) {
        Row copy() {
            return new Row(active, new TreeMap<>(components));
        }
    }

    private record StoredEvent(long id, Event event) {
    }

    private static final Comparator<StoredEvent> OLDEST_FIRST =
            Comparator.comparing((StoredEvent e) -> e.event().at()).thenComparingLong(StoredEvent::id);

    private TreeMap<String, Row> services = new TreeMap<>();
    private List<StoredEvent> events = new ArrayList<>();
    private long nextEventId = 1;
    private boolean closed;

    @Override
    public synchronized List<ServiceRecord> services() {
        ensureOpen();
        return services.entrySet().stream().map(e -> record(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized Optional<ServiceRecord> service(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        ensureOpen();
        return Optional.ofNullable(services.get(name)).map(row -> record(name, row));
    }

    private static ServiceRecord record(String name, Row row) {
        return new ServiceRecord(name, row.active(), List.copyOf(row.components().values()));
    }

    @Override
    public synchronized void apply(RegistryChange change) {
        Objects.requireNonNull(change, "'change' must not be null");
        ensureOpen();
        // Applied to copies and swapped in at the end, so a rejected change leaves nothing behind.
        TreeMap<String, Row> next = new TreeMap<>();
        services.forEach((name, row) -> next.put(name, row.copy()));
        change.removedServices().forEach(next::remove);
        change.services().forEach((name, active) -> {
            Row old = next.get(name);
            next.put(name, new Row(active, old == null ? new TreeMap<>() : old.components()));
        });
        for (ComponentRecord c : change.components()) {
            next.computeIfAbsent(c.service(), s -> new Row(true, new TreeMap<>()))
                    .components().put(c.name(), millis(c));
        }
        // Checked on what was stored: a component listed twice in one change is written once, the last winning.
        for (ComponentRecord c : change.components()) {
            ComponentRecord stored = next.get(c.service()).components().get(c.name());
            rejectDuplicates(stored, "ports", stored.spec().ports());
            rejectDuplicates(stored, "volumes", stored.spec().volumes());
        }
        List<StoredEvent> nextEvents = new ArrayList<>(events);
        long id = nextEventId;
        for (Event e : change.events()) {
            nextEvents.add(new StoredEvent(id++, new Event(e.service(), e.component(), e.prev(), e.next(),
                    e.at().truncatedTo(ChronoUnit.MILLIS))));
        }
        services = next;
        events = nextEvents;
        nextEventId = id;
    }

    /** The SQLite registry's primary key on mappings forbids a mapping twice in one component. */
    private static void rejectDuplicates(ComponentRecord c, String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException("registry: component " + c.service() + "/" + c.name()
                        + " lists " + field + " mapping \"" + v + "\" twice");
            }
        }
    }

    /** Stored times keep milliseconds, as the SQLite registry's do. */
    private static ComponentRecord millis(ComponentRecord c) {
        return c.started() == null ? c : c.withObservation(c.observed(), c.started().truncatedTo(ChronoUnit.MILLIS),
                c.containerId());
    }

    @Override
    public synchronized List<Event> recentEvents(Optional<String> service, int limit) {
        Objects.requireNonNull(service, "'service' must not be null");
        if (limit < 0) {
            throw new IllegalArgumentException("event limit " + limit + " must not be negative");
        }
        ensureOpen();
        return events.stream()
                .filter(e -> service.map(s -> s.equals(e.event().service())).orElse(true))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .map(StoredEvent::event)
                .toList();
    }

    @Override
    public synchronized List<Event> events(String service, String component, Instant since) {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(since, "'since' must not be null");
        ensureOpen();
        Instant from = since.truncatedTo(ChronoUnit.MILLIS);
        return events.stream()
                .filter(e -> e.event().service().equals(service) && e.event().component().equals(component))
                .filter(e -> !e.event().at().isBefore(from))
                .sorted(OLDEST_FIRST)
                .map(StoredEvent::event)
                .toList();
    }

    @Override
    public synchronized int pruneEvents(Instant before) {
        Objects.requireNonNull(before, "'before' must not be null");
        ensureOpen();
        Instant cutoff = before.truncatedTo(ChronoUnit.MILLIS);
        int size = events.size();
        events = new ArrayList<>(events.stream().filter(e -> !e.event().at().isBefore(cutoff)).toList());
        return size - events.size();
    }

    /** Writes a readable dump (not a database) to {@code target}, mode 0600; refuses an existing target. */
    @Override
    public synchronized void snapshot(Path target) {
        Objects.requireNonNull(target, "'target' must not be null");
        ensureOpen();
        StringBuilder dump = new StringBuilder();
        for (ServiceRecord s : services()) {
            dump.append(s).append('\n');
        }
        events.forEach(e -> dump.append(e.event()).append('\n'));
        try {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(target, dump);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("snapshot target " + target + " already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized boolean healthy() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("registry is closed");
        }
    }
}

package net.metacircular.mcp.port.out;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.ServiceDefinition;

/** A hand-written in-memory {@link DefinitionStore} for tests: definitions by service, files by path, or failures. */
public final class FakeDefinitionStore implements DefinitionStore {
    private final Map<String, Supplier<ServiceDefinition>> byService = new TreeMap<>();
    private final Map<Path, Supplier<ServiceDefinition>> byFile = new HashMap<>();
    private final Map<Path, Supplier<ServiceDefinition>> drafts = new HashMap<>();
    private final Map<Path, ServiceDefinition> written = new HashMap<>();
    private final List<String> activeEdits = new ArrayList<>();

    /** Puts a definition in the services directory under its service name. */
    public FakeDefinitionStore with(ServiceDefinition def) {
        byService.put(def.spec().name(), () -> def);
        return this;
    }

    /** Makes reading {@code service}'s file in the services directory throw what {@code failure} throws. */
    public FakeDefinitionStore failing(String service, Supplier<ServiceDefinition> failure) {
        byService.put(service, failure);
        return this;
    }

    /** Puts a definition at an explicit path. */
    public FakeDefinitionStore file(Path file, ServiceDefinition def) {
        byFile.put(file, () -> def);
        return this;
    }

    @Override
    public Optional<ServiceDefinition> find(String service) {
        Supplier<ServiceDefinition> s = byService.get(service);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }

    @Override
    public ServiceDefinition read(Path file) {
        Supplier<ServiceDefinition> s = byFile.get(file);
        if (s == null) {
            throw new net.metacircular.mcp.domain.NotFoundException(file + ": no such file");
        }
        return s.get();
    }

    /** Every {@code setActive} call as {@code "<service>=<active>"}, in order. */
    public List<String> activeEdits() {
        return List.copyOf(activeEdits);
    }

    /** Every definition written by {@link #write}, by path. */
    public Map<Path, ServiceDefinition> written() {
        return Map.copyOf(written);
    }

    /** Plays the operator's editor: the draft at {@code draft} now reads as what {@code content} returns or throws. */
    public void editDraft(Path draft, Supplier<ServiceDefinition> content) {
        if (!drafts.containsKey(draft)) {
            throw new IllegalStateException("no draft at " + draft);
        }
        drafts.put(draft, content);
    }

    /** The drafts still kept (not committed), by path. */
    public Map<Path, Supplier<ServiceDefinition>> drafts() {
        return Map.copyOf(drafts);
    }

    @Override
    public Optional<Path> setActive(String service, boolean active) {
        Supplier<ServiceDefinition> s = byService.get(service);
        if (s == null) {
            return Optional.empty();
        }
        ServiceDefinition def = s.get();
        ServiceDefinition next = new ServiceDefinition(def.node(), def.spec().withActive(active));
        byService.put(service, () -> next);
        activeEdits.add(service + "=" + active);
        return Optional.of(fileOf(service));
    }

    @Override
    public Path write(ServiceDefinition def, Optional<Path> file) {
        Path to = file.orElse(fileOf(def.spec().name()));
        written.put(to, def);
        if (file.isEmpty()) {
            byService.put(def.spec().name(), () -> def);
        }
        return to;
    }

    @Override
    public Path draft(String service, Supplier<ServiceDefinition> whenMissing) {
        Supplier<ServiceDefinition> current = byService.get(service);
        ServiceDefinition start = current == null ? whenMissing.get() : current.get();
        Path draft = Path.of("/tmp/draft-" + service + "-" + drafts.size() + ".toml");
        drafts.put(draft, () -> start);
        return draft;
    }

    @Override
    public Path commit(String service, Path draft) {
        Supplier<ServiceDefinition> content = drafts.get(draft);
        if (content == null) {
            throw new net.metacircular.mcp.domain.NotFoundException(draft + ": no such draft");
        }
        ServiceDefinition def = content.get();
        if (!def.spec().name().equals(service)) {
            throw new net.metacircular.mcp.domain.InvalidInputException(draft + ": name",
                    "\"" + def.spec().name() + "\" does not match the file name " + service + ".toml");
        }
        drafts.remove(draft);
        byService.put(service, () -> def);
        return fileOf(service);
    }

    private static Path fileOf(String service) {
        return Path.of("services", service + ".toml");
    }

    @Override
    public List<ServiceDefinition> all() {
        List<ServiceDefinition> out = new ArrayList<>();
        byService.values().forEach(s -> out.add(s.get()));
        return out;
    }
}

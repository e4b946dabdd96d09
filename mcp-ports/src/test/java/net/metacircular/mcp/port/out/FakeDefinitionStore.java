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

    @Override
    public List<ServiceDefinition> all() {
        List<ServiceDefinition> out = new ArrayList<>();
        byService.values().forEach(s -> out.add(s.get()));
        return out;
    }
}

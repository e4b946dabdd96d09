package net.metacircular.mcp.adapter.toml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.SpecValidation;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.out.DefinitionStore;

/**
 * Service definition files in a services directory, one {@code <service>.toml} per service, read with toml4j.
 * A file that is not a valid definition throws {@link InvalidInputException} with every problem, each located as
 * {@code <file>: <field path>}: type errors, unknown keys and the domain's validation together.
 */
public final class TomlDefinitionStore implements DefinitionStore {
    /** The keys of a definition's top level. */
    static final List<String> SERVICE_KEYS = List.of("name", "node", "active", "components");
    /** The keys of one {@code [[components]]} block. */
    static final List<String> COMPONENT_KEYS =
            List.of("name", "image", "network", "user", "restart", "ports", "volumes", "cmd", "env");
    /** A definition file is small; a larger one is a mistake, not something to load into memory. */
    static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern COMPONENT_INDEX = Pattern.compile("^(?:.*: )?components\\[(\\d+)]");

    private static final System.Logger LOG = System.getLogger(TomlDefinitionStore.class.getName());

    private final Path servicesDir;

    /** @param servicesDir the directory holding {@code <service>.toml} files; it need not exist yet */
    public TomlDefinitionStore(Path servicesDir) {
        this.servicesDir = Objects.requireNonNull(servicesDir, "'servicesDir' must not be null");
    }

    /** The services directory. */
    public Path servicesDir() {
        return servicesDir;
    }

    /** Where the definition of {@code service} lives, whether or not it exists. */
    public Path fileOf(String service) {
        return servicesDir.resolve(Names.require("service", service) + ".toml");
    }

    @Override
    public Optional<ServiceDefinition> find(String service) {
        Path file = fileOf(service);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(load(file, Optional.of(service)));
    }

    @Override
    public ServiceDefinition read(Path file) {
        Objects.requireNonNull(file, "'file' must not be null");
        return load(file, Optional.empty());
    }

    @Override
    public List<ServiceDefinition> all() {
        if (!Files.isDirectory(servicesDir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(servicesDir, "*.toml")) {
            dir.forEach(files::add);
        } catch (IOException e) {
            throw new InvalidInputException(servicesDir.toString(), "cannot list the services directory: " + e.getMessage());
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<ServiceDefinition> defs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String service = name.substring(0, name.length() - ".toml".length());
            try {
                defs.add(load(file, Optional.of(service)));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return defs;
    }

    @Override
    public Optional<Path> setActive(String service, boolean active) {
        Path file = fileOf(service);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = readText(file);
        ServiceDefinition before = parse(text, file.toString(), Optional.of(service));
        String edited = ActiveLine.set(text, active).orElseThrow(() -> new InvalidInputException(file + ": node",
                "has no node line to put active after"));
        // The edit is textual; reading it back proves it changed exactly the one value and nothing else.
        ServiceDefinition after = parse(edited, file.toString(), Optional.of(service));
        if (!after.equals(new ServiceDefinition(before.node(), before.spec().withActive(active)))) {
            throw new InvalidInputException(file + ": active", "cannot be set by editing its line alone"
                    + " (is it inside a multi-line value?); set active = " + active + " by hand");
        }
        if (!edited.equals(text)) {
            writeAtomically(file, edited);
        }
        return Optional.of(file);
    }

    @Override
    public Path write(ServiceDefinition def, Optional<Path> file) {
        Objects.requireNonNull(def, "'def' must not be null");
        Path target = file.orElseGet(() -> fileOf(def.spec().name()));
        String text;
        try {
            text = TomlWriter.render(def);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(target.toString(), e.getMessage());
        }
        writeAtomically(target, text);
        return target;
    }

    @Override
    public Path draft(String service, Supplier<ServiceDefinition> whenMissing) {
        Path file = fileOf(service);
        String text = Files.isRegularFile(file) ? readText(file) : TomlWriter.render(whenMissing.get());
        try {
            Path draft = Files.createTempFile("mcp-edit-" + service + "-", ".toml",
                    PosixFilePermissions.asFileAttribute(AtomicFiles.NEW_FILE));
            Files.writeString(draft, text, StandardCharsets.UTF_8);
            return draft;
        } catch (IOException e) {
            throw new InvalidInputException(service, "cannot create a draft to edit: " + e.getMessage());
        }
    }

    @Override
    public Path commit(String service, Path draft) {
        Path file = fileOf(service);
        String text = readText(draft);
        parse(text, draft.toString(), Optional.of(service));
        writeAtomically(file, text);
        try {
            Files.deleteIfExists(draft);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete the draft {0}: {1}", draft, e.getMessage());
        }
        return file;
    }

    private static void writeAtomically(Path file, String text) {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be written: " + e.getMessage());
        }
    }

    /**
     * Parses the text of a definition, reporting problems located in {@code source}.
     *
     * @param text         the file's content
     * @param source       how to name the file in problems, usually its path
     * @param expectedName the service its file name says it defines, checked against {@code name}, when known
     */
    public static ServiceDefinition parse(String text, String source, Optional<String> expectedName) {
        Objects.requireNonNull(text, "'text' must not be null");
        Objects.requireNonNull(source, "'source' must not be null");
        Objects.requireNonNull(expectedName, "'expectedName' must not be null");
        List<Problem> readProblems = new ArrayList<>();
        Optional<TomlFields> parsed = TomlFields.parse(text, readProblems);
        if (parsed.isEmpty()) {
            throw new InvalidInputException(TomlFields.located(source, readProblems));
        }
        TomlFields root = parsed.get();
        root.allowOnly(SERVICE_KEYS);
        String name = root.string("name", "");
        String node = root.string("node", "");
        boolean active = root.bool("active", true);
        List<ComponentSpec> components = new ArrayList<>();
        for (TomlFields c : root.tables("components")) {
            c.allowOnly(COMPONENT_KEYS);
            components.add(new ComponentSpec(c.string("name", ""), c.string("image", ""), c.string("network", ""),
                    c.string("user", ""), c.string("restart", ""), c.strings("ports"), c.strings("volumes"),
                    c.strings("cmd"), c.strings("env")));
        }
        ServiceDefinition def = new ServiceDefinition(node, new ServiceSpec(name, active, components));

        List<Problem> problems = new ArrayList<>(readProblems);
        Set<String> unreadable = new HashSet<>();
        readProblems.forEach(p -> unreadable.add(p.field()));
        for (Problem p : SpecValidation.validate(def)) {
            // A field that could not be read was replaced by its default; "is required" on top would be noise.
            if (unreadable.stream().noneMatch(f -> p.field().equals(f) || p.field().startsWith(f + "[")
                    || p.field().startsWith(f + "."))) {
                problems.add(p);
            }
        }
        if (expectedName.isPresent() && !name.isEmpty() && !name.equals(expectedName.get())) {
            problems.add(new Problem("name", "\"" + Text.quoteSafe(name) + "\" does not match the file name "
                    + expectedName.get() + ".toml"));
        }
        if (!problems.isEmpty()) {
            // Keep the top level first and each component's problems together, in component order.
            problems.sort(Comparator.comparingInt(TomlDefinitionStore::componentIndex));
            throw new InvalidInputException(TomlFields.located(source, problems));
        }
        return def;
    }

    private static int componentIndex(Problem p) {
        Matcher m = COMPONENT_INDEX.matcher(p.field());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static ServiceDefinition load(Path file, Optional<String> expectedName) {
        return parse(readText(file), file.toString(), expectedName);
    }

    /** Reads a small UTF-8 text file, turning I/O failures into problems located at the file. */
    static String readText(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException(file.toString(), "is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new NotFoundException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file.toString(), "is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }
}

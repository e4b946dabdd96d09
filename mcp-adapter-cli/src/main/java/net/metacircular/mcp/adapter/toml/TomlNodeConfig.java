package net.metacircular.mcp.adapter.toml;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.NodeConfig;

/**
 * The {@code [[nodes]]} of the operator's {@code mcp.toml}, edited line by line: adding inserts one block after the
 * last node block, removing deletes exactly the lines of that node's block; every other line, comments included,
 * stays byte for byte. The edited text must still read as a valid config before it is written, atomically (a
 * temporary file in the same directory, fsync, rename) and with the file's permissions. A symlinked config is edited
 * at its target, so the link survives.
 */
public final class TomlNodeConfig implements NodeConfig {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[.*");
    private static final Pattern NODES_HEADER = Pattern.compile("^\\s*\\[\\[\\s*nodes\\s*]]\\s*(#.*)?$");
    private static final Pattern NAME = Pattern.compile("^\\s*name\\s*=\\s*(?:\"([^\"\\\\]*)\"|'([^']*)')\\s*(#.*)?$");
    private static final Pattern COMMENT_OR_BLANK = Pattern.compile("^\\s*(#.*)?$");

    private final Path file;
    private final Path home;

    /**
     * @param file the config file
     * @param home the operator's home directory, for {@code ~} in the config's paths
     */
    public TomlNodeConfig(Path file, Path home) {
        this.file = Objects.requireNonNull(file, "'file' must not be null");
        this.home = Objects.requireNonNull(home, "'home' must not be null");
    }

    @Override
    public List<Node> nodes() {
        return CliConfigReader.read(file, home).nodes();
    }

    @Override
    public void add(Node node) {
        Objects.requireNonNull(node, "'node' must not be null");
        List<String> lines = lines();
        List<String> block = List.of("[[nodes]]", "name = \"" + node.name() + "\"", "address = \"" + node.address() + "\"");
        int lastHeader = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (NODES_HEADER.matcher(lines.get(i)).matches()) {
                lastHeader = i;
            }
        }
        List<String> out = new ArrayList<>(lines);
        if (lastHeader < 0) {
            if (!out.isEmpty() && !out.getLast().isBlank()) {
                out.add("");
            }
            out.addAll(block);
        } else {
            int end = blockEnd(lines, lastHeader);
            List<String> inserted = new ArrayList<>();
            inserted.add("");
            inserted.addAll(block);
            out.addAll(end, inserted);
        }
        write(out);
    }

    @Override
    public boolean remove(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!NODES_HEADER.matcher(lines.get(i)).matches()) {
                continue;
            }
            int end = blockEnd(lines, i);
            if (!name.equals(nameIn(lines.subList(i + 1, end)))) {
                continue;
            }
            List<String> out = new ArrayList<>(lines);
            // the blank line that separated the block from what was above goes with it
            int from = i > 0 && lines.get(i - 1).isBlank() ? i - 1 : i;
            out.subList(from, end).clear();
            write(out);
            return true;
        }
        return false;
    }

    @Override
    public String location() {
        return file.toString();
    }

    /**
     * The index after a block's last line: the next table header, less the comments and blank lines just above it
     * (they introduce the next table), or the end of the file.
     */
    private static int blockEnd(List<String> lines, int header) {
        int next = header + 1;
        while (next < lines.size() && !HEADER.matcher(lines.get(next)).matches()) {
            next++;
        }
        int end = next;
        while (end > header + 1 && COMMENT_OR_BLANK.matcher(lines.get(end - 1)).matches()) {
            end--;
        }
        return end;
    }

    private static String nameIn(List<String> block) {
        for (String line : block) {
            Matcher m = NAME.matcher(line);
            if (m.matches()) {
                return m.group(1) != null ? m.group(1) : m.group(2);
            }
        }
        return null;
    }

    private List<String> lines() {
        try {
            return new ArrayList<>(List.of(Files.readString(target(), StandardCharsets.UTF_8).split("\n", -1)));
        } catch (IOException e) {
            throw new PreconditionException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private Path target() {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new PreconditionException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Checks the edited text reads as a config, then replaces the file atomically with the same permissions. */
    private void write(List<String> lines) {
        String text = String.join("\n", lines);
        try {
            CliConfigReader.parse(text, file, home);
        } catch (InvalidInputException e) {
            List<Problem> problems = new ArrayList<>(e.problems());
            problems.add(new Problem("", "the edit was not saved; " + file + " is unchanged"));
            throw new InvalidInputException(problems);
        }
        Path real = target();
        Path temp = real.resolveSibling("." + real.getFileName() + ".mcp-" + ProcessHandle.current().pid());
        boolean moved = false;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real);
            Files.deleteIfExists(temp);
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, perms);
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            throw new PreconditionException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to clean
                }
            }
        }
    }
}

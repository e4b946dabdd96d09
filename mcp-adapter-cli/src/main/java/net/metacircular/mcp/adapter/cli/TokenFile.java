package net.metacircular.mcp.adapter.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.port.out.IssuedToken;
import net.metacircular.mcp.port.out.TokenStore;

/**
 * The operator's token file: the token on the first line and, when MCIAS said, {@code expires_at=<RFC 3339>} on the
 * second (a file holding only a token, as older versions and hand-made files do, is read too). Written atomically
 * with mode 0600 (temporary file in the same directory, fsync, rename); a file that group or others may read or
 * write is refused rather than used.
 */
public final class TokenFile implements TokenStore {
    private static final String EXPIRES = "expires_at=";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path path;

    /** @param path where the token is kept ({@code [auth] token_path}) */
    public TokenFile(Path path) {
        this.path = Objects.requireNonNull(path, "'path' must not be null");
    }

    @Override
    public Optional<IssuedToken> read() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new PreconditionException("token file " + path + " is readable or writable by others ("
                        + PosixFilePermissions.toString(perms) + "), so it is not used; run `chmod 600 " + path
                        + "`, or `mcp logout` and `mcp login` again");
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            String token = lines.isEmpty() ? "" : lines.getFirst().strip();
            if (token.isEmpty()) {
                return Optional.empty();
            }
            Optional<Instant> expires = Optional.empty();
            for (String line : lines.subList(1, lines.size())) {
                if (line.startsWith(EXPIRES)) {
                    try {
                        expires = Optional.of(Instant.parse(line.substring(EXPIRES.length()).strip()));
                    } catch (DateTimeParseException e) {
                        // an unreadable expiry is an unknown one: the agent will say if the token is stale
                    }
                }
            }
            try {
                return Optional.of(new IssuedToken(token, expires));
            } catch (IllegalArgumentException e) {
                throw new PreconditionException("token file " + path + " does not hold a token: run `mcp login`");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PreconditionException("cannot read token file " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void save(IssuedToken token) {
        Objects.requireNonNull(token, "'token' must not be null");
        String text = token.token() + "\n" + token.expiresAt().map(e -> EXPIRES + e + "\n").orElse("");
        Path dir = path.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(temp);
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, OWNER_ONLY);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new PreconditionException("cannot store the token in " + path + ": " + e.getMessage());
        }
    }

    @Override
    public boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new PreconditionException("cannot remove token file " + path + ": " + e.getMessage());
        }
    }

    @Override
    public String location() {
        return path.toString();
    }
}

package net.metacircular.mcp.adapter.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.ServiceFilePath;
import net.metacircular.mcp.port.out.ServiceFiles;

/**
 * {@link ServiceFiles} on the local filesystem under the data root ({@code srv_dir}). Every directory below the root
 * is opened relative to its parent's open descriptor with {@code O_NOFOLLOW} ({@link SecureDirectoryStream}), so a
 * symlink anywhere below the root, the service's directory included, is refused rather than followed, and a
 * directory swapped for a symlink mid-walk fails the open. Writes go to a temporary file in the target directory,
 * are fsynced, get their mode, and are renamed over the target ({@code renameat}); a file with more than one hard
 * link is refused for reads and writes. The data root itself is configured by the node's administrator and trusted
 * as it is.
 */
public final class LocalServiceFiles implements ServiceFiles {
    /** The mode of directories a push creates: the containers' users, whoever they are, can traverse them. */
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final String TEMP_PREFIX = ".mcp-push-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    /** @param srvDir the data root; each service's files live in {@code <srvDir>/<service>/} */
    public LocalServiceFiles(Path srvDir) {
        this.root = Objects.requireNonNull(srvDir, "'srvDir' must not be null");
    }

    @Override
    public void write(ServiceFilePath path, FileContent content) {
        Objects.requireNonNull(path, "'path' must not be null");
        Objects.requireNonNull(content, "'content' must not be null");
        try (Walk walk = walk(path, true)) {
            SecureDirectoryStream<Path> dir = walk.last();
            Path name = Path.of(path.fileName());
            PosixFileAttributes existing = attributes(dir, name);
            if (existing != null) {
                refuseUnlessPlainFile(path, existing, walk.absolute().resolve(name));
            }
            writeAtomically(path, dir, name, walk.absolute(), content);
        } catch (IOException e) {
            throw new PreconditionException("cannot write " + path + ": " + reason(e));
        }
    }

    @Override
    public FileContent read(ServiceFilePath path) {
        Objects.requireNonNull(path, "'path' must not be null");
        try (Walk walk = walk(path, false)) {
            SecureDirectoryStream<Path> dir = walk.last();
            Path name = Path.of(path.fileName());
            PosixFileAttributes attrs = attributes(dir, name);
            if (attrs == null) {
                throw new NotFoundException("no file " + path + " on this node");
            }
            refuseUnlessPlainFile(path, attrs, walk.absolute().resolve(name));
            FileContent.tooLarge(attrs.size()).ifPresent(p -> {
                throw new InvalidInputException("path", path + " " + p);
            });
            byte[] bytes;
            try (SeekableByteChannel ch = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                bytes = readAtMost(ch, FileContent.MAX_BYTES + 1);
            }
            if (bytes.length > FileContent.MAX_BYTES) {
                throw new InvalidInputException("path", path + " " + FileContent.tooLarge(bytes.length).orElseThrow());
            }
            return new FileContent(bytes, mode(attrs.permissions()));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no file " + path + " on this node");
        } catch (IOException e) {
            throw new PreconditionException("cannot read " + path + ": " + reason(e));
        }
    }

    /** The open directories from the root down to the file's parent; closing it closes them all. */
    private static final class Walk implements AutoCloseable {
        private final Deque<SecureDirectoryStream<Path>> open = new ArrayDeque<>();
        private Path absolute;

        SecureDirectoryStream<Path> last() {
            return open.peekLast();
        }

        Path absolute() {
            return absolute;
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            while (!open.isEmpty()) {
                try {
                    open.removeLast().close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * Opens the service's directory and each parent of the file, one segment at a time and without following
     * symlinks; creates missing ones when {@code create}.
     */
    private Walk walk(ServiceFilePath path, boolean create) throws IOException {
        Walk walk = new Walk();
        try {
            Path rootPath = root.toAbsolutePath();
            DirectoryStream<Path> rootStream;
            try {
                rootStream = Files.newDirectoryStream(rootPath);
            } catch (NoSuchFileException e) {
                throw new PreconditionException("the data root " + rootPath + " does not exist on this node");
            }
            if (!(rootStream instanceof SecureDirectoryStream<Path> secure)) {
                rootStream.close();
                throw new PreconditionException("this platform cannot open directories without following symlinks; "
                        + "file transfer is refused");
            }
            walk.open.add(secure);
            walk.absolute = rootPath;
            List<String> segments = new ArrayList<>();
            segments.add(path.service());
            segments.addAll(path.parents());
            StringBuilder shown = new StringBuilder();
            for (String segment : segments) {
                shown.append(shown.isEmpty() ? "" : "/").append(segment);
                SecureDirectoryStream<Path> parent = walk.last();
                Path name = Path.of(segment);
                PosixFileAttributes attrs = attributes(parent, name);
                if (attrs == null) {
                    if (!create) {
                        throw new NotFoundException("no file " + path + " on this node (no directory " + shown + ")");
                    }
                    try {
                        Files.createDirectory(walk.absolute.resolve(name));
                    } catch (FileAlreadyExistsException raced) {
                        // another push created it between the check and here; it is checked like any other below
                    }
                    attrs = attributes(parent, name);
                    if (attrs != null && attrs.isDirectory() && !attrs.isSymbolicLink()) {
                        parent.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                .setPermissions(DIRECTORY_MODE);
                    }
                }
                if (attrs == null) {
                    throw new PreconditionException("cannot create the directory " + shown);
                }
                if (attrs.isSymbolicLink()) {
                    throw new InvalidInputException("path", "\"" + shown + "\" is a symbolic link; file operations "
                            + "never follow symlinks below the data root (" + path + ")");
                }
                if (!attrs.isDirectory()) {
                    throw new InvalidInputException("path", "\"" + shown + "\" is not a directory (" + path + ")");
                }
                SecureDirectoryStream<Path> next;
                try {
                    next = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    // swapped for a symlink since the check: O_NOFOLLOW refused it
                    throw new InvalidInputException("path", "\"" + shown + "\" changed while it was opened; refused ("
                            + reason(e) + ")");
                }
                walk.open.add(next);
                walk.absolute = walk.absolute.resolve(name);
            }
            return walk;
        } catch (RuntimeException | IOException e) {
            try {
                walk.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void writeAtomically(ServiceFilePath path, SecureDirectoryStream<Path> dir, Path name, Path absoluteDir,
                                        FileContent content) throws IOException {
        Path temp = Path.of(TEMP_PREFIX + HexFormat.of().formatHex(bytes8()));
        Set<OpenOption> create = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
        boolean renamed = false;
        try {
            try (SeekableByteChannel ch = dir.newByteChannel(temp, create,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buffer = ByteBuffer.wrap(content.bytes());
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                if (ch instanceof FileChannel fc) {
                    fc.force(true);
                }
            }
            // set after creation: the umask applies to the mode given at creation, the requested mode is exact
            dir.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions(content.mode()));
            dir.move(temp, dir, name);
            renamed = true;
        } finally {
            if (!renamed) {
                try {
                    dir.deleteFile(temp);
                } catch (IOException ignored) {
                    // nothing was created, or it is already gone
                }
            }
        }
        syncDirectory(absoluteDir);
    }

    private static byte[] bytes8() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Makes the rename durable; a filesystem that cannot sync a directory still has the file. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void refuseUnlessPlainFile(ServiceFilePath path, PosixFileAttributes attrs, Path absolute) throws IOException {
        if (attrs.isSymbolicLink()) {
            throw new InvalidInputException("path", "\"" + path.relative() + "\" is a symbolic link; file operations "
                    + "never follow symlinks (" + path + ")");
        }
        if (!attrs.isRegularFile()) {
            throw new InvalidInputException("path", "\"" + path.relative() + "\" is not a regular file (" + path + ")");
        }
        Object links = Files.getAttribute(absolute, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (links instanceof Integer n && n > 1) {
            throw new InvalidInputException("path", "\"" + path.relative() + "\" has " + n + " hard links; a file "
                    + "that may also live outside the service's directory is refused (" + path + ")");
        }
    }

    /** The attributes of {@code name} in {@code dir} without following a symlink; null when it does not exist. */
    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static byte[] readAtMost(SeekableByteChannel ch, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.max(ch.size() + 1, 8192)));
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() >= limit) {
                    break;
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit, (long) buffer.capacity() * 2));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            if (ch.read(buffer) < 0) {
                break;
            }
        }
        buffer.flip();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Permission bits as the usual octal number. */
    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /** The permissions of an octal mode (permission bits only). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : m;
        return why == null ? e.getClass().getSimpleName() : why;
    }
}

package net.metacircular.mcp.adapter.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.ServiceFilePath;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp pull}: copies a file from a service's directory on its node to the workstation. */
@Command(name = "pull",
        description = "Copy <srv_dir>/SERVICE/PATH from the service's node to a local file.",
        footer = {"",
                "LOCAL-FILE defaults to PATH's file name in the current directory. The file is",
                "written atomically with the node's mode; an existing file is kept unless",
                "--force.",
                "",
                "Examples:",
                "  mcp pull mcr mcr.toml",
                "  mcp pull mcr certs/mcr.pem ./mcr.pem --force"})
final class PullCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose directory holds the file.")
    private String service;

    @Parameters(index = "1", paramLabel = "PATH", description = "Path inside the service's directory.")
    private String path;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LOCAL-FILE", description = "Where to write it.")
    private Path local;

    @Option(names = "--force", description = "Replace LOCAL-FILE when it exists.")
    private boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    PullCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        ServiceFilePath at = ServiceFilePath.parse(service, path);
        Path target = local != null ? local : Path.of(at.fileName());
        refuseExisting(target);
        NodeAnswer<FileContent> pulled = context.operator().pullFile(service, path);
        FileContent file = pulled.data();
        write(target, file);
        spec.commandLine().getOut().println(pulled.node() + ": " + at + ": written to " + target + " ("
                + file.size() + " bytes, mode " + FileContent.octal(file.mode()) + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void refuseExisting(Path target) {
        if (Files.isDirectory(target)) {
            throw new PreconditionException(target + " is a directory; name the file to write");
        }
        if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new PreconditionException(target + " exists; use --force to replace it");
        }
    }

    /** Writes next to the target, then renames over it, so the target is never half written. */
    private void write(Path target, FileContent file) {
        Path abs = target.toAbsolutePath();
        Path temp = abs.resolveSibling("." + abs.getFileName() + ".mcp-pull-" + ProcessHandle.current().pid());
        boolean moved = false;
        try {
            Files.deleteIfExists(temp);
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(EnumSet.of(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(file.bytes());
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, permissions(file.mode()));
            if (force) {
                try {
                    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                // a hard link fails when the name was taken since the check; the rename would replace it
                Files.createLink(abs, temp);
                Files.delete(temp);
            }
            moved = true;
        } catch (FileAlreadyExistsException e) {
            throw new PreconditionException(target + " exists; use --force to replace it");
        } catch (IOException e) {
            throw new PreconditionException("cannot write " + target + ": " + e.getMessage());
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

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }
}

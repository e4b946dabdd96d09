package net.metacircular.mcp.adapter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.ServiceFilePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp push}: copies a local file into a service's directory on its node. */
@Command(name = "push",
        description = "Copy a local file into <srv_dir>/SERVICE/[PATH] on the service's node.",
        footer = {"",
                "PATH defaults to the local file's name. The node writes the file atomically",
                "with mode 0600 under certs/, else 0644, unless --mode is given. Files larger",
                "than 4 MiB less 64 KiB are refused before anything is sent.",
                "",
                "Examples:",
                "  mcp push mcr.toml mcr",
                "  mcp push cert.pem mcr certs/mcr.pem",
                "  mcp push env.conf mcr --mode 0640"})
final class PushCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "LOCAL-FILE", description = "The file to copy.")
    private Path local;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "The service whose directory receives it.")
    private String service;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PATH", description = "Path inside the service's directory.")
    private String path;

    @Option(names = "--mode", paramLabel = "OCTAL", description = "File mode, e.g. 0640. Default: 0600 under certs/, else 0644.")
    private String mode;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    PushCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        OptionalInt m = mode == null ? OptionalInt.empty() : OptionalInt.of(parseMode(mode));
        String target = path != null ? path : local.getFileName().toString();
        byte[] content = readLocal();
        String node = context.operator().pushFile(service, target, content, m);
        int shown = m.orElseGet(() -> ServiceFilePath.parse(service, target).defaultMode());
        spec.commandLine().getOut().println(node + ": " + service + "/" + Table.printable(target) + ": written ("
                + content.length + " bytes, mode " + FileContent.octal(shown) + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int parseMode(String text) {
        if (!text.matches("0?[0-7]{3}")) {
            throw new ParameterException(spec.commandLine(), "--mode \"" + Table.printable(text)
                    + "\" is not an octal mode such as 0640");
        }
        return Integer.parseInt(text, 8);
    }

    /** The local file's bytes, refused before reading when it is not a regular file or too large to send. */
    private byte[] readLocal() {
        try {
            if (!Files.isRegularFile(local)) {
                throw Files.exists(local)
                        ? new PreconditionException(local + " is not a regular file")
                        : new NotFoundException("no such file: " + local);
            }
            long size = Files.size(local);
            FileContent.tooLarge(size).ifPresent(p -> {
                throw new InvalidInputException("LOCAL-FILE", local + " " + p + "; nothing was sent");
            });
            byte[] bytes = Files.readAllBytes(local);
            // it may have grown since it was measured
            FileContent.tooLarge(bytes.length).ifPresent(p -> {
                throw new InvalidInputException("LOCAL-FILE", local + " " + p + "; nothing was sent");
            });
            return bytes;
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such file: " + local);
        } catch (IOException e) {
            throw new PreconditionException("cannot read " + local + ": " + e.getMessage());
        }
    }
}

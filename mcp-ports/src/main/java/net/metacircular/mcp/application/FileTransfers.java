package net.metacircular.mcp.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceFilePath;
import net.metacircular.mcp.port.in.FileTransferUseCase;
import net.metacircular.mcp.port.out.ServiceFiles;

/**
 * The agent's file transfer: checks name, path, size and mode (all problems at once), picks the default mode, and
 * leaves the filesystem checks to the {@link ServiceFiles} adapter.
 */
public final class FileTransfers implements FileTransferUseCase {
    private static final System.Logger LOG = System.getLogger(FileTransfers.class.getName());
    private final ServiceFiles files;

    /** @param files the node's service data directories */
    public FileTransfers(ServiceFiles files) {
        this.files = Objects.requireNonNull(files, "'files' must not be null");
    }

    @Override
    public int push(String service, String path, byte[] content, OptionalInt mode) {
        Objects.requireNonNull(content, "'content' must not be null");
        Objects.requireNonNull(mode, "'mode' must not be null");
        List<Problem> problems = new ArrayList<>(ServiceFilePath.problems(service, path));
        FileContent.tooLarge(content.length).ifPresent(p -> problems.add(new Problem("content", p)));
        if (mode.isPresent()) {
            FileContent.modeProblem(mode.getAsInt()).ifPresent(p -> problems.add(new Problem("mode", p)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ServiceFilePath at = ServiceFilePath.parse(service, path);
        int m = mode.orElse(at.defaultMode());
        files.write(at, new FileContent(content, m));
        LOG.log(System.Logger.Level.INFO, "wrote {0} ({1} bytes, mode {2})", at, content.length, FileContent.octal(m));
        return m;
    }

    @Override
    public FileContent pull(String service, String path) {
        ServiceFilePath at = ServiceFilePath.parse(service, path);
        FileContent content = files.read(at);
        LOG.log(System.Logger.Level.INFO, "read {0} ({1} bytes)", at, content.size());
        return content;
    }
}

package net.metacircular.mcp.port.out;

import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.ServiceFilePath;

/**
 * The node's service data directories ({@code <srv_dir>/<service>/}): reads and writes single files strictly inside
 * one service's directory. Implementations refuse any path whose resolution would leave that directory, whatever
 * symlinks or hard links are on disk.
 */
public interface ServiceFiles {
    /**
     * Writes {@code content} at {@code path} atomically (a reader sees the old file or the new one, never part of
     * it), creating missing directories. A path that leads outside the service's directory, through a symlink or to
     * a hard-linked file, is an {@link net.metacircular.mcp.domain.InvalidInputException}; a write the filesystem
     * refuses (disk full, read-only) is a {@link net.metacircular.mcp.domain.PreconditionException}, and leaves
     * nothing behind.
     */
    void write(ServiceFilePath path, FileContent content);

    /**
     * Reads the regular file at {@code path} with its permission bits. A missing file is a
     * {@link net.metacircular.mcp.domain.NotFoundException}; the refusals are those of {@link #write}.
     */
    FileContent read(ServiceFilePath path);
}

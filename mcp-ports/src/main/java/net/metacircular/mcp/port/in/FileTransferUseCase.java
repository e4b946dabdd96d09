package net.metacircular.mcp.port.in;

import java.util.OptionalInt;
import net.metacircular.mcp.domain.FileContent;

/** The agent's file transfer: single files into and out of one service's data directory. */
public interface FileTransferUseCase {
    /**
     * Writes {@code content} at {@code path} below {@code service}'s directory with {@code mode}, or the path's
     * default mode (0600 under {@code certs/}, else 0644) when empty; returns the mode written. Every problem with
     * the service name, the path, the size or the mode is one {@link net.metacircular.mcp.domain.InvalidInputException}.
     */
    int push(String service, String path, byte[] content, OptionalInt mode);

    /** Reads the file at {@code path} below {@code service}'s directory, with its mode. */
    FileContent pull(String service, String path);
}

package net.metacircular.mcp.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import net.metacircular.mcp.domain.PreconditionException;

/** Finds the MCIAS token: {@code MCP_TOKEN} first, else the token file, which must not be readable by others. */
final class Tokens {
    private final Map<String, String> env;
    private final Path tokenPath;

    Tokens(Map<String, String> env, Path tokenPath) {
        this.env = env;
        this.tokenPath = tokenPath;
    }

    String require() {
        String fromEnv = env.get("MCP_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tokenPath);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new PreconditionException("token file " + tokenPath + " is readable or writable by others; "
                        + "run `chmod 600 " + tokenPath + "` or `mcp login` again");
            }
            String token = Files.readString(tokenPath).strip();
            if (token.isEmpty()) {
                throw new PreconditionException("token file " + tokenPath + " is empty: run `mcp login`");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new PreconditionException("not logged in (no " + tokenPath + "): run `mcp login` or set MCP_TOKEN");
        } catch (IOException e) {
            throw new PreconditionException("cannot read token file " + tokenPath + ": " + e.getMessage());
        }
    }
}

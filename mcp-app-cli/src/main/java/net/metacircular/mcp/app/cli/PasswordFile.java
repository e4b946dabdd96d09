package net.metacircular.mcp.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import net.metacircular.mcp.domain.PreconditionException;

/** Reads the system account's password file ({@code [auth] password_file}): its first line, owner-only files only. */
final class PasswordFile {
    private PasswordFile() {
    }

    static String read(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new PreconditionException("password file " + file + " is readable or writable by others, so it "
                        + "is not used; run `chmod 600 " + file + "`");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String password = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
            if (password.isEmpty()) {
                throw new PreconditionException("password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new PreconditionException("cannot read password file " + file + ": " + e.getMessage());
        }
    }
}

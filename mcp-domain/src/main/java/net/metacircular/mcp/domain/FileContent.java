package net.metacircular.mcp.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's bytes and permission bits, as pushed to or pulled from a service's directory.
 *
 * @param bytes the content; at most {@link #MAX_BYTES}
 * @param mode  the permission bits, {@code 0}–{@code 0777} (no set-id or sticky bits)
 */
public record FileContent(byte[] bytes, int mode) {
    /**
     * The largest file moved in one RPC: gRPC's default 4 MiB message limit less 64 KiB for the path, the other
     * fields and framing.
     */
    public static final int MAX_BYTES = 4 * 1024 * 1024 - 64 * 1024;
    /** The highest mode accepted: permission bits only. */
    public static final int MAX_MODE = 0777;

    public FileContent {
        Objects.requireNonNull(bytes, "'bytes' must not be null");
        tooLarge(bytes.length).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        modeProblem(mode).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** What is wrong with a file of {@code size} bytes, or empty when it may be moved. */
    public static Optional<String> tooLarge(long size) {
        return size > MAX_BYTES
                ? Optional.of("is " + size + " bytes, over the limit of " + MAX_BYTES + " bytes (4 MiB less 64 KiB "
                        + "for the gRPC message's other fields)")
                : Optional.empty();
    }

    /** What is wrong with {@code mode}, or empty when it is plain permission bits. */
    public static Optional<String> modeProblem(int mode) {
        return mode < 0 || mode > MAX_MODE
                ? Optional.of("mode " + octal(mode) + " is not within 0000..0777 (set-id and sticky bits are refused)")
                : Optional.empty();
    }

    /** {@code mode} as four octal digits, e.g. {@code 0644}. */
    public static String octal(int mode) {
        return mode < 0 ? Integer.toString(mode) : String.format("%04o", mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent f && f.mode == mode && Arrays.equals(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + mode;
    }

    @Override
    public String toString() {
        return "FileContent[" + bytes.length + " bytes, mode " + octal(mode) + "]";
    }
}

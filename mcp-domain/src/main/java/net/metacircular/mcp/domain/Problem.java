package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * One thing wrong with operator input, located by a field path such as {@code components[1].ports[0]}.
 *
 * @param field   where the problem is; empty for the whole document
 * @param message what is wrong and what was expected
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "'field' must not be null");
        Objects.requireNonNull(message, "'message' must not be null");
    }

    /** A copy whose field path is prefixed, e.g. {@code prefixed("components[0]")}. */
    public Problem prefixed(String prefix) {
        return new Problem(field.isEmpty() ? prefix : prefix + "." + field, message);
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}

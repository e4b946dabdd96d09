package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * The outcome of an operation on one component.
 *
 * @param component component name
 * @param success   whether it succeeded
 * @param action    what was done ({@code replaced}, {@code unchanged}, {@code started}…); empty on failure
 * @param error     why it failed; empty on success
 */
public record ComponentResult(String component, boolean success, String action, String error) {
    public ComponentResult {
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(action, "'action' must not be null");
        Objects.requireNonNull(error, "'error' must not be null");
    }

    /** A success. */
    public static ComponentResult ok(String component, String action) {
        return new ComponentResult(component, true, action, "");
    }

    /** A failure. */
    public static ComponentResult failed(String component, String error) {
        return new ComponentResult(component, false, "", error);
    }
}

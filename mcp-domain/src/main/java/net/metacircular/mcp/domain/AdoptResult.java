package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * The outcome of adopting one container into a service: adopted, left alone on purpose, or failed.
 *
 * @param container the runtime's container name
 * @param component the component it became (or would have become)
 * @param success   false only when adopting it failed; a container left alone on purpose is not a failure
 * @param error     why it failed; empty otherwise
 * @param skipped   why a matching container was left alone; empty when it was adopted or failed
 */
public record AdoptResult(String container, String component, boolean success, String error, String skipped) {
    public AdoptResult {
        Objects.requireNonNull(container, "'container' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(error, "'error' must not be null");
        Objects.requireNonNull(skipped, "'skipped' must not be null");
    }

    /** A container adopted as {@code component}. */
    public static AdoptResult ok(String container, String component) {
        return new AdoptResult(container, component, true, "", "");
    }

    /** A container that could not be adopted. */
    public static AdoptResult failed(String container, String component, String error) {
        return new AdoptResult(container, component, false, error, "");
    }

    /** A matching container left alone, and why. */
    public static AdoptResult leftAlone(String container, String component, String reason) {
        return new AdoptResult(container, component, true, "", reason);
    }

    /** True when the container was adopted. */
    public boolean adopted() {
        return success && skipped.isEmpty();
    }
}

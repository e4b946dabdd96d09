package net.metacircular.mcp.domain;

import java.util.Locale;

/** What the container runtime last reported for a component. */
public enum ObservedState {
    RUNNING,
    /** The container exists and its processes have not run to an end: created but never started, paused, or being stopped. */
    STOPPED,
    /** The container's processes ended: crashed, completed, or stopped by someone. */
    EXITED,
    /** No container of that name exists. */
    REMOVED,
    /** Not queried yet, or the runtime could not be asked. */
    UNKNOWN;

    /** The lower-case word used on the wire and in the registry. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire word; throws {@link IllegalArgumentException} naming the allowed words. */
    public static ObservedState parse(String word) {
        for (ObservedState s : values()) {
            if (s.wire().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "observed state \"" + word + "\" is not one of running, stopped, exited, removed, unknown");
    }
}

package net.metacircular.mcp.domain;

import java.util.Locale;

/** What the operator wants a component to be: running, stopped, or left alone. */
public enum DesiredState {
    RUNNING,
    STOPPED,
    /** Seen on the node but not managed by MCP: never touched, never alerted. */
    IGNORE;

    /** The lower-case word used on the wire, in files and in the registry. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire word; throws {@link IllegalArgumentException} naming the allowed words. */
    public static DesiredState parse(String word) {
        for (DesiredState s : values()) {
            if (s.wire().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("desired state \"" + word + "\" is not one of running, stopped, ignore");
    }
}

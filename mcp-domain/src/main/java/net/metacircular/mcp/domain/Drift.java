package net.metacircular.mcp.domain;

import java.util.Optional;

/** The design's drift table: whether an observed state contradicts a desired state, and why. */
public final class Drift {
    private Drift() {
    }

    /**
     * Returns the reason a component with these states is drifting, or empty when it is not.
     * {@code unknown} is never drift: the runtime could not be asked, which says nothing about the container.
     */
    public static Optional<String> reason(DesiredState desired, ObservedState observed) {
        return switch (desired) {
            case IGNORE -> Optional.empty();
            case RUNNING -> switch (observed) {
                case RUNNING, UNKNOWN -> Optional.empty();
                case STOPPED -> Optional.of("stopped unexpectedly");
                case EXITED -> Optional.of("crashed");
                case REMOVED -> Optional.of("container gone");
            };
            case STOPPED -> switch (observed) {
                case STOPPED, EXITED, REMOVED, UNKNOWN -> Optional.empty();
                case RUNNING -> Optional.of("running when it should not be");
            };
        };
    }

    /** True when the states are drifting per {@link #reason}. */
    public static boolean isDrift(DesiredState desired, ObservedState observed) {
        return reason(desired, observed).isPresent();
    }
}

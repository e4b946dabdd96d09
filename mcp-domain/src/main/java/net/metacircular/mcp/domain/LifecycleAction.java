package net.metacircular.mcp.domain;

import java.util.Optional;

/** The operator's lifecycle commands and what each does to a service's desired state. */
public enum LifecycleAction {
    /** Stops every component; desired state {@code stopped}, {@code active = false}. */
    STOP,
    /** Starts every component; desired state {@code running}, {@code active = true}. */
    START,
    /** Restarts every component; the desired state is left as it is. */
    RESTART;

    /** The {@code active} flag the action sets, or empty when it leaves it alone. */
    public Optional<Boolean> active() {
        return switch (this) {
            case STOP -> Optional.of(false);
            case START -> Optional.of(true);
            case RESTART -> Optional.empty();
        };
    }

    /** The desired state every component gets, or empty when the action leaves it alone. */
    public Optional<DesiredState> desired() {
        return active().map(a -> a ? DesiredState.RUNNING : DesiredState.STOPPED);
    }

    /** The lower-case command word. */
    public String verb() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

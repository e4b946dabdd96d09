package net.metacircular.mcp.domain;

import java.util.Locale;

/** Why the monitor tells the operator something: the value of {@code MCP_ALERT_TYPE}. */
public enum AlertType {
    /** A managed component left its desired state. */
    DRIFT,
    /** A component changed state {@code flap_threshold} times within {@code flap_window}. */
    FLAPPING,
    /** A component that raised a drift alert is back in its desired state. */
    RECOVERED,
    /** The container runtime could not be asked; one per outage. */
    RUNTIME;

    /** The lower-case word passed to the alert command. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

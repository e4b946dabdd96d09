package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One alert the monitor raised, carrying exactly what the alert command receives as {@code MCP_*} variables.
 * A {@code runtime} alert concerns the node, so its service, component, desired and previous state are empty.
 *
 * @param type        why it fired
 * @param node        the node's name
 * @param service     the service, empty for a runtime alert
 * @param component   the component, empty for a runtime alert
 * @param desired     the desired state's word, empty for a runtime alert
 * @param observed    the observed state's word
 * @param prev        the observed state before the transition, empty when not known
 * @param transitions transitions of the component within the flap window
 * @param at          when the monitor raised it
 */
public record Alert(AlertType type, String node, String service, String component, String desired, String observed,
                    String prev, int transitions, Instant at) {
    /** The environment variables the alert command receives, and no others of MCP's. */
    public static final java.util.List<String> VARIABLES = java.util.List.of("MCP_COMPONENT", "MCP_SERVICE", "MCP_NODE",
            "MCP_DESIRED", "MCP_OBSERVED", "MCP_PREV_STATE", "MCP_ALERT_TYPE", "MCP_TRANSITIONS");

    public Alert {
        Objects.requireNonNull(type, "'type' must not be null");
        Objects.requireNonNull(node, "'node' must not be null");
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(desired, "'desired' must not be null");
        Objects.requireNonNull(observed, "'observed' must not be null");
        Objects.requireNonNull(prev, "'prev' must not be null");
        Objects.requireNonNull(at, "'at' must not be null");
        if (transitions < 0) {
            throw new IllegalArgumentException("transitions must not be negative");
        }
    }

    /** An alert about component {@code c}, which was {@code prev} before. */
    public static Alert of(AlertType type, String node, ComponentRecord c, ObservedState prev, int transitions, Instant at) {
        return new Alert(type, node, c.service(), c.name(), c.desired().wire(), c.observed().wire(),
                prev == null ? "" : prev.wire(), transitions, at);
    }

    /** The alert for a runtime outage on {@code node}. */
    public static Alert runtime(String node, Instant at) {
        return new Alert(AlertType.RUNTIME, node, "", "", "", ObservedState.UNKNOWN.wire(), "", 0, at);
    }

    /** The {@code MCP_*} variables, in the design's order. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCP_COMPONENT", component);
        env.put("MCP_SERVICE", service);
        env.put("MCP_NODE", node);
        env.put("MCP_DESIRED", desired);
        env.put("MCP_OBSERVED", observed);
        env.put("MCP_PREV_STATE", prev);
        env.put("MCP_ALERT_TYPE", type.wire());
        env.put("MCP_TRANSITIONS", Integer.toString(transitions));
        return env;
    }

    /** One line for the log, with names quoted safely. */
    public String summary() {
        String what = type == AlertType.RUNTIME ? "the container runtime on node " + Text.quoteSafe(node) + " is unavailable"
                : Text.quoteSafe(service) + "/" + Text.quoteSafe(component) + " " + (prev.isEmpty() ? "" : prev + " -> ")
                + observed + " (desired " + desired + ", " + transitions + " transitions in the flap window)";
        return "alert " + type.wire() + ": " + what;
    }
}

package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One component as the node's registry knows it: its recorded spec, desired and observed state.
 *
 * @param service     the service it belongs to
 * @param spec        the recorded spec (for a discovered container: what the runtime reported)
 * @param desired     what the operator wants
 * @param observed    what the runtime last reported
 * @param version     version read off the deployed image's tag
 * @param started     when its container last started; {@code null} when unknown
 * @param containerId the runtime's container ID; empty when none is known
 */
public record ComponentRecord(String service, ComponentSpec spec, DesiredState desired, ObservedState observed,
                              String version, Instant started, String containerId) {
    public ComponentRecord {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(spec, "'spec' must not be null");
        Objects.requireNonNull(desired, "'desired' must not be null");
        Objects.requireNonNull(observed, "'observed' must not be null");
        Objects.requireNonNull(version, "'version' must not be null");
        Objects.requireNonNull(containerId, "'containerId' must not be null");
    }

    /** The component's name. */
    public String name() {
        return spec.name();
    }

    /** The container that runs it. */
    public String containerName() {
        return Names.containerName(service, spec.name());
    }

    /** When its container last started, if known. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(started);
    }

    /** The drift reason, empty when the component is where the operator wants it. */
    public Optional<String> drift() {
        return Drift.reason(desired, observed);
    }

    /** A copy with another desired state. */
    public ComponentRecord withDesired(DesiredState d) {
        return new ComponentRecord(service, spec, d, observed, version, started, containerId);
    }

    /** A copy with another observed state, start time and container ID. */
    public ComponentRecord withObservation(ObservedState o, Instant startedAt, String id) {
        return new ComponentRecord(service, spec, desired, o, version, startedAt, id);
    }
}

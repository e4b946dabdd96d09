package net.metacircular.mcp.adapter.podman;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the podman adapter calls podman.
 *
 * @param binary      the podman program, a path or a name looked up on {@code PATH}
 * @param callTimeout deadline of every call that neither pulls nor stops
 * @param pullTimeout deadline of {@code pull}, and of {@code run}, which pulls a missing image
 * @param stopGrace   time podman gets, beyond the grace a stop or restart asks for, to kill the container and
 *                    clean up before the call is abandoned
 * @param environment variables added to podman's environment (for example {@code CONTAINERS_CONF}); podman
 *                    inherits the agent's environment besides
 */
public record PodmanSettings(String binary, Duration callTimeout, Duration pullTimeout, Duration stopGrace,
                             Map<String, String> environment) {
    /** The default program name. */
    public static final String DEFAULT_BINARY = "podman";
    /** The default deadline of an ordinary call. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The default deadline of a pull. */
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);
    /** The default extra time for a stop. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    public PodmanSettings {
        Objects.requireNonNull(binary, "'binary' must not be null");
        Objects.requireNonNull(callTimeout, "'callTimeout' must not be null");
        Objects.requireNonNull(pullTimeout, "'pullTimeout' must not be null");
        Objects.requireNonNull(stopGrace, "'stopGrace' must not be null");
        environment = Map.copyOf(environment);
        if (binary.isBlank()) {
            throw new IllegalArgumentException("binary: must name the podman program");
        }
        requirePositive("callTimeout", callTimeout);
        requirePositive("pullTimeout", pullTimeout);
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace: must not be negative");
        }
    }

    /** {@code podman} from {@code PATH}, 30 s per call, 5 min per pull, 30 s beyond a stop's grace. */
    public static PodmanSettings defaults() {
        return new PodmanSettings(DEFAULT_BINARY, DEFAULT_CALL_TIMEOUT, DEFAULT_PULL_TIMEOUT, DEFAULT_STOP_GRACE, Map.of());
    }

    /** A copy using another program. */
    public PodmanSettings withBinary(String newBinary) {
        return new PodmanSettings(newBinary, callTimeout, pullTimeout, stopGrace, environment);
    }

    /** A copy with other deadlines. */
    public PodmanSettings withTimeouts(Duration newCallTimeout, Duration newPullTimeout, Duration newStopGrace) {
        return new PodmanSettings(binary, newCallTimeout, newPullTimeout, newStopGrace, environment);
    }

    /** A copy passing {@code newEnvironment} to podman. */
    public PodmanSettings withEnvironment(Map<String, String> newEnvironment) {
        return new PodmanSettings(binary, callTimeout, pullTimeout, stopGrace, newEnvironment);
    }

    private static void requirePositive(String field, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + ": must be positive");
        }
    }
}

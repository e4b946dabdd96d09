package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One container as the runtime lists it.
 *
 * @param id      runtime container ID
 * @param name    container name
 * @param image   image reference it was created from
 * @param imageId ID of that image
 * @param state   its state mapped to the design's observed states
 * @param started when it last started; {@code null} when never or unknown
 */
public record ContainerInfo(String id, String name, String image, String imageId, ObservedState state, Instant started) {
    public ContainerInfo {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(image, "'image' must not be null");
        Objects.requireNonNull(imageId, "'imageId' must not be null");
        Objects.requireNonNull(state, "'state' must not be null");
    }

    /** When it last started, if known. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(started);
    }
}

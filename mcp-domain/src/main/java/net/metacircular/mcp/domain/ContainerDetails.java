package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * A container inspected in full: its listing plus the run spec the runtime reports, enough to re-create it.
 *
 * @param info the listing
 * @param spec the run spec; its name is the container's name
 */
public record ContainerDetails(ContainerInfo info, ComponentSpec spec) {
    public ContainerDetails {
        Objects.requireNonNull(info, "'info' must not be null");
        Objects.requireNonNull(spec, "'spec' must not be null");
    }
}

package net.metacircular.mcp.domain;

import java.util.List;
import java.util.Objects;

/**
 * How one container of a service is run. Empty strings mean "the runtime's default". Construction checks only
 * for nulls; {@link SpecValidation} reports everything else, all problems at once.
 *
 * @param name    component name
 * @param image   image reference
 * @param network network to attach
 * @param user    user to run as, {@code uid[:gid]} or a name
 * @param restart restart policy
 * @param ports   port mappings {@code [ip:]host:container[/proto]}
 * @param volumes mounts {@code source:destination[:options]}
 * @param cmd     command and arguments after the image
 * @param env     environment {@code KEY=VALUE}
 */
public record ComponentSpec(String name, String image, String network, String user, String restart,
                            List<String> ports, List<String> volumes, List<String> cmd, List<String> env) {
    public ComponentSpec {
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(image, "'image' must not be null");
        Objects.requireNonNull(network, "'network' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(restart, "'restart' must not be null");
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }

    /** A spec with only a name and an image; every other field defaults. */
    public static ComponentSpec of(String name, String image) {
        return new ComponentSpec(name, image, "", "", "", List.of(), List.of(), List.of(), List.of());
    }

    /** A copy with another name (adoption renames a container's spec to its component). */
    public ComponentSpec withName(String newName) {
        return new ComponentSpec(newName, image, network, user, restart, ports, volumes, cmd, env);
    }

    /** A copy with another image. */
    public ComponentSpec withImage(String newImage) {
        return new ComponentSpec(name, newImage, network, user, restart, ports, volumes, cmd, env);
    }

    /** The version read off the image reference's tag. */
    public String version() {
        return ImageRef.versionOf(image);
    }
}

package net.metacircular.mcp.adapter.podman;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ObservedState;

/**
 * Reads podman's JSON output ({@code ps}, {@code container inspect}, {@code image inspect}, {@code version}) into
 * domain values. Start times are kept to whole seconds everywhere, because {@code ps} reports no finer, so a list
 * and an inspect of the same container agree.
 */
final class PodmanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Variables podman adds to every container by itself; they are not part of the run spec. */
    private static final Set<String> INJECTED_ENV = Set.of("container", "HOSTNAME", "HOME", "TERM");

    private PodmanJson() {
    }

    /** What the image a container was created from supplies by default. */
    record ImageDefaults(String id, List<String> env, List<String> cmd, String user) {
        static final ImageDefaults NONE = new ImageDefaults("", List.of(), List.of(), "");

        ImageDefaults {
            Objects.requireNonNull(id, "'id' must not be null");
            env = List.copyOf(env);
            cmd = List.copyOf(cmd);
            Objects.requireNonNull(user, "'user' must not be null");
        }
    }

    /**
     * One container as {@code container inspect} reports it, before the image's defaults are taken out.
     *
     * @param createCommand the argv it was created with, when podman recorded one
     */
    record Inspected(ContainerInfo info, String network, String user, String restart, List<String> ports,
                     List<String> volumes, List<String> cmd, List<String> env, String hostname,
                     List<String> createCommand) {
        Inspected {
            Objects.requireNonNull(info, "'info' must not be null");
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
            cmd = List.copyOf(cmd);
            env = List.copyOf(env);
            createCommand = List.copyOf(createCommand);
        }
    }

    /** The containers of {@code podman ps -a --format json}; pod infra containers are left out. */
    static List<ContainerInfo> containers(String json) {
        List<ContainerInfo> out = new ArrayList<>();
        for (JsonNode c : array(json, "ps")) {
            if (c.path("IsInfra").asBoolean(false)) {
                continue;
            }
            JsonNode names = c.path("Names");
            String name = names.isArray() && !names.isEmpty() ? names.get(0).asText() : text(c, "Name");
            long started = c.path("StartedAt").asLong(0);
            out.add(new ContainerInfo(required(c, "Id"), name, text(c, "Image"), text(c, "ImageID"),
                    state(text(c, "State")), started > 0 ? Instant.ofEpochSecond(started) : null));
        }
        return List.copyOf(out);
    }

    /** The container of {@code podman container inspect NAME}; empty for an empty array. */
    static Optional<Inspected> container(String json) {
        JsonNode all = array(json, "container inspect");
        if (all.isEmpty()) {
            return Optional.empty();
        }
        JsonNode c = all.get(0);
        JsonNode config = c.path("Config");
        JsonNode host = c.path("HostConfig");
        String image = text(c, "ImageName");
        if (image.isEmpty()) {
            image = text(config, "Image");
        }
        ContainerInfo info = new ContainerInfo(required(c, "Id"), text(c, "Name"), image, text(c, "Image"),
                state(text(c.path("State"), "Status")), startedAt(text(c.path("State"), "StartedAt")));
        return Optional.of(new Inspected(info, network(c), text(config, "User"), restart(host.path("RestartPolicy")),
                ports(host.path("PortBindings")), volumes(c.path("Mounts")), strings(config.path("Cmd")),
                strings(config.path("Env")), text(config, "Hostname"), strings(config.path("CreateCommand"))));
    }

    /** The image of {@code podman image inspect REF}; empty for an empty array. */
    static Optional<ImageDefaults> image(String json) {
        JsonNode all = array(json, "image inspect");
        if (all.isEmpty()) {
            return Optional.empty();
        }
        JsonNode i = all.get(0);
        JsonNode config = i.path("Config");
        String user = text(config, "User");
        if (user.isEmpty()) {
            user = text(i, "User");
        }
        return Optional.of(new ImageDefaults(required(i, "Id"), strings(config.path("Env")), strings(config.path("Cmd")), user));
    }

    /** The version of {@code podman version --format json}: the server's when remote, else the client's. */
    /**
     * One line of {@code podman events --format json}: the container event it reports, or empty for a line about
     * something else (an image, a volume) or one that is not an event; {@code fallback} stands in for a missing time.
     */
    static Optional<net.metacircular.mcp.port.out.ContainerEvent> event(String line, Instant fallback) {
        JsonNode e;
        try {
            e = MAPPER.readTree(line);
        } catch (JsonProcessingException ex) {
            return Optional.empty();
        }
        if (e == null || !e.isObject() || !"container".equals(e.path("Type").asText())) {
            return Optional.empty();
        }
        String name = e.path("Name").asText("");
        String status = e.path("Status").asText("");
        if (name.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        Instant at = null;
        try {
            String time = e.path("Time").asText("");
            if (!time.isEmpty()) {
                at = java.time.OffsetDateTime.parse(time).toInstant();
            }
        } catch (DateTimeParseException ex) {
            // the fallback below: the event still wakes a check
        }
        // Without podman's own time the event is never trusted alone (Reconciler.died compares the time with the
        // service's last write), so it goes without the container's ID and only wakes a listing.
        String id = at == null ? "" : e.path("ID").asText("");
        return Optional.of(new net.metacircular.mcp.port.out.ContainerEvent(name, status, at == null ? fallback : at, id));
    }

    static String version(String json) {
        JsonNode root = parse(json, "version");
        String server = text(root.path("Server"), "Version");
        String v = server.isEmpty() ? text(root.path("Client"), "Version") : server;
        if (v.isEmpty()) {
            throw new MalformedOutputException("podman version: no Client.Version in the output");
        }
        return v;
    }

    /**
     * The run spec of an inspected container: what it was given, without what its image or podman supplies by
     * default (image env, image cmd, image user, and podman's own {@code container}, {@code HOSTNAME},
     * {@code HOME} and {@code TERM} unless the create command set them), so that {@code podman run} with it
     * re-creates an equivalent container. Environment comes back sorted: podman keeps no order for it.
     */
    static ContainerDetails details(Inspected c, ImageDefaults image) {
        Set<String> imageEnv = new HashSet<>(image.env());
        Set<String> explicit = explicitEnvNames(c.createCommand());
        TreeSet<String> env = new TreeSet<>();
        for (String kv : c.env()) {
            String key = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
            boolean injected = INJECTED_ENV.contains(key) && !explicit.contains(key);
            if (!imageEnv.contains(kv) && !injected) {
                env.add(kv);
            }
        }
        List<String> cmd = c.cmd().equals(image.cmd()) ? List.of() : c.cmd();
        String user = c.user().equals(image.user()) ? "" : c.user();
        ComponentSpec spec = new ComponentSpec(c.info().name(), c.info().image(), c.network(), user, c.restart(),
                c.ports(), c.volumes(), cmd, List.copyOf(env));
        return new ContainerDetails(c.info(), spec);
    }

    /**
     * Podman's container states mapped to the design's observed states. Podman's {@code stopped} is not a state of
     * its own but a step: the processes have exited and the cleanup that makes the container {@code exited} has
     * not run yet, which takes half a second or more on a busy node and is what the event path sees first. Taken
     * for {@code stopped}, every crash was two transitions, running to stopped to exited, counting twice towards
     * flapping and alerting with the wrong state. {@code stopping} (a stop under way, perhaps stuck) stays
     * {@code stopped}: reading it as running would hide a stop someone else started.
     */
    static ObservedState state(String podmanState) {
        return switch (podmanState.toLowerCase(java.util.Locale.ROOT)) {
            case "running" -> ObservedState.RUNNING;
            case "exited", "stopped", "dead" -> ObservedState.EXITED;
            case "created", "paused", "configured", "initialized", "stopping" -> ObservedState.STOPPED;
            default -> ObservedState.UNKNOWN;
        };
    }

    /** Names of variables set with {@code -e}/{@code --env} in a create command. */
    static Set<String> explicitEnvNames(List<String> createCommand) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < createCommand.size(); i++) {
            String a = createCommand.get(i);
            String value = null;
            if (a.startsWith("--env=")) {
                value = a.substring("--env=".length());
            } else if (a.startsWith("-e=")) {
                value = a.substring("-e=".length());
            } else if ((a.equals("-e") || a.equals("--env")) && i + 1 < createCommand.size()) {
                value = createCommand.get(++i);
            }
            if (value != null) {
                int eq = value.indexOf('=');
                names.add(eq < 0 ? value : value.substring(0, eq));
            }
        }
        return names;
    }

    private static String network(JsonNode c) {
        String mode = text(c.path("HostConfig"), "NetworkMode");
        if (!mode.equals("bridge") && !mode.isEmpty()) {
            return mode;
        }
        TreeSet<String> names = new TreeSet<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    private static String restart(JsonNode policy) {
        String name = text(policy, "Name");
        if (name.isEmpty() || name.equals("no")) {
            return "";
        }
        int retries = policy.path("MaximumRetryCount").asInt(0);
        return name.equals("on-failure") && retries > 0 ? name + ":" + retries : name;
    }

    /** {@code HostConfig.PortBindings} as {@code [ip:]host:container[/proto]}, in podman's (sorted) order. */
    private static List<String> ports(JsonNode bindings) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : bindings.properties()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String containerPort = slash < 0 ? key : key.substring(0, slash);
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
            String suffix = proto.equals("tcp") ? "" : "/" + proto;
            for (JsonNode b : e.getValue()) {
                String ip = text(b, "HostIp");
                String hostPort = text(b, "HostPort");
                String prefix = ip.isEmpty() ? "" : (ip.contains(":") ? "[" + ip + "]" : ip) + ":";
                out.add(prefix + hostPort + ":" + containerPort + suffix);
            }
        }
        return out;
    }

    /** Bind mounts as {@code source:destination[:ro]} and named volumes as {@code name:destination[:ro]}. */
    private static List<String> volumes(JsonNode mounts) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : mounts) {
            String type = text(m, "Type");
            String source = switch (type) {
                case "bind" -> text(m, "Source");
                case "volume" -> text(m, "Name");
                default -> "";
            };
            if (source.isEmpty()) {
                continue;
            }
            boolean readOnly = !m.path("RW").asBoolean(true);
            out.add(source + ":" + text(m, "Destination") + (readOnly ? ":ro" : ""));
        }
        return out;
    }

    private static Instant startedAt(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            // Go's zero time (0001-01-01) means "never started".
            return t.isBefore(Instant.EPOCH.plusSeconds(1)) ? null : t.truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new MalformedOutputException("podman container inspect: State.StartedAt \"" + text + "\" is not a time");
        }
    }

    private static JsonNode array(String json, String what) {
        JsonNode root = parse(json, what);
        if (!root.isArray()) {
            throw new MalformedOutputException("podman " + what + ": expected a JSON array");
        }
        return root;
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new MalformedOutputException("podman " + what + ": empty output");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedOutputException("podman " + what + ": output is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v.isEmpty()) {
            throw new MalformedOutputException("podman output lacks \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    /** A JSON array of strings; null, missing or a bare string (podman's Entrypoint is sometimes one) handled. */
    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        if (node.isTextual() && !node.asText().isEmpty()) {
            return List.of(node.asText());
        }
        return List.of();
    }

    /** Podman answered something that is not the JSON it documents. */
    static final class MalformedOutputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedOutputException(String message) {
            super(message);
        }
    }
}

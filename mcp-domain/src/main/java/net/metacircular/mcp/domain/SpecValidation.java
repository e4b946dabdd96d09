package net.metacircular.mcp.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates service definitions and specs, returning every problem with its field path, e.g.
 * {@code components[1].ports[0]: "8080" is not host:container}. Nothing here throws on bad input.
 */
public final class SpecValidation {
    /** The most components one service may have. */
    public static final int MAX_COMPONENTS = 64;
    /** The most entries in one list field (ports, volumes, cmd, env). */
    public static final int MAX_LIST = 256;
    /** The longest single value in a list field. */
    public static final int MAX_VALUE = 4096;

    private static final Pattern PORT = Pattern.compile(
            "(?:(?<ip>[0-9.]+|\\[[0-9a-fA-F:]+\\]):)?(?<host>[0-9]{1,5}(?:-[0-9]{1,5})?)?:(?<ctr>[0-9]{1,5}(?:-[0-9]{1,5})?)(?:/(?:tcp|udp|sctp))?");
    private static final Pattern NETWORK = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern USER = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,63}(?::[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,63})?");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(?::[0-9]{1,4})?");
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> VOLUME_OPTIONS = Set.of("ro", "rw", "z", "Z", "O", "U", "copy", "nocopy",
            "noexec", "exec", "nosuid", "suid", "nodev", "dev", "private", "rprivate", "shared", "rshared",
            "slave", "rslave", "bind", "rbind", "idmap");

    private SpecValidation() {
    }

    /** Problems of a definition file: the node and the spec. */
    public static List<Problem> validate(ServiceDefinition def) {
        List<Problem> problems = new ArrayList<>();
        Names.problem(def.node()).ifPresent(p -> problems.add(new Problem("node", p)));
        problems.addAll(validate(def.spec()));
        return problems;
    }

    /** Problems of a spec: its name, its components and the uniqueness of their names and containers. */
    public static List<Problem> validate(ServiceSpec spec) {
        List<Problem> problems = new ArrayList<>();
        Names.problem(spec.name()).ifPresent(p -> problems.add(new Problem("name", p)));
        if (spec.components().isEmpty()) {
            problems.add(new Problem("components", "at least one [[components]] block is required"));
        }
        if (spec.components().size() > MAX_COMPONENTS) {
            problems.add(new Problem("components", "more than " + MAX_COMPONENTS + " components"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.components().size(); i++) {
            ComponentSpec c = spec.components().get(i);
            String at = "components[" + i + "]";
            for (Problem p : validate(c)) {
                problems.add(p.prefixed(at));
            }
            if (!c.name().isEmpty() && !seen.add(c.name())) {
                problems.add(new Problem(at + ".name", "\"" + Text.quoteSafe(c.name()) + "\" is used by another component of this service"));
            }
        }
        return problems;
    }

    /** Problems of one component spec, with paths relative to the component. */
    public static List<Problem> validate(ComponentSpec c) {
        List<Problem> problems = new ArrayList<>();
        Names.problem(c.name()).ifPresent(p -> problems.add(new Problem("name", p)));
        ImageRef.check(c.image()).ifPresent(p -> problems.add(new Problem("image", p)));
        if (!c.network().isEmpty() && !NETWORK.matcher(c.network()).matches()) {
            problems.add(new Problem("network", quoted(c.network()) + " is not a network name (letters, digits, '_', '.', '-')"));
        }
        if (!c.user().isEmpty() && !USER.matcher(c.user()).matches()) {
            problems.add(new Problem("user", quoted(c.user()) + " is not a user such as \"1000\", \"0:0\" or \"nobody\""));
        }
        if (!c.restart().isEmpty() && !RESTART.matcher(c.restart()).matches()) {
            problems.add(new Problem("restart", quoted(c.restart()) + " is not one of no, always, unless-stopped, on-failure[:N]"));
        }
        list(problems, "ports", c.ports(), SpecValidation::portProblem);
        list(problems, "volumes", c.volumes(), SpecValidation::volumeProblem);
        list(problems, "cmd", c.cmd(), v -> Optional.empty());
        list(problems, "env", c.env(), SpecValidation::envProblem);
        return problems;
    }

    private interface Check {
        Optional<String> problem(String value);
    }

    private static void list(List<Problem> problems, String field, List<String> values, Check check) {
        if (values.size() > MAX_LIST) {
            problems.add(new Problem(field, "more than " + MAX_LIST + " entries"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String at = field + "[" + i + "]";
            if (v.length() > MAX_VALUE) {
                problems.add(new Problem(at, "is longer than " + MAX_VALUE + " characters"));
            } else if (Text.hasControl(v)) {
                problems.add(new Problem(at, quoted(v) + " holds control characters"));
            } else {
                check.problem(v).ifPresent(p -> problems.add(new Problem(at, p)));
            }
        }
    }

    private static Optional<String> portProblem(String v) {
        var m = PORT.matcher(v);
        if (!m.matches() || m.group("host") == null) {
            return Optional.of(quoted(v) + " is not host:container (for example \"127.0.0.1:8080:80\" or \"8080:80/tcp\")");
        }
        for (String g : List.of("host", "ctr")) {
            for (String n : m.group(g).split("-")) {
                int port = Integer.parseInt(n);
                if (port < 1 || port > 65535) {
                    return Optional.of(quoted(v) + " has port " + n + " outside 1-65535");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> volumeProblem(String v) {
        String[] parts = v.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.of(quoted(v) + " is not source:destination[:options]");
        }
        String source = parts[0];
        if (!(source.startsWith("/") || VOLUME_NAME.matcher(source).matches())) {
            return Optional.of(quoted(v) + " has source \"" + Text.quoteSafe(source) + "\" that is neither an absolute path nor a volume name");
        }
        if (!parts[1].startsWith("/")) {
            return Optional.of(quoted(v) + " has destination \"" + Text.quoteSafe(parts[1]) + "\" that is not an absolute path");
        }
        if (parts.length == 3) {
            for (String opt : parts[2].split(",", -1)) {
                if (!VOLUME_OPTIONS.contains(opt)) {
                    return Optional.of(quoted(v) + " has unknown mount option \"" + Text.quoteSafe(opt) + "\"");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> envProblem(String v) {
        int eq = v.indexOf('=');
        if (eq <= 0 || !ENV_KEY.matcher(v.substring(0, eq)).matches()) {
            return Optional.of(quoted(v) + " is not KEY=VALUE with KEY of letters, digits and '_'");
        }
        return Optional.empty();
    }

    private static String quoted(String v) {
        return "\"" + Text.quoteSafe(v) + "\"";
    }

    /** Throws {@link InvalidInputException} with every problem of {@code spec}, if any. */
    public static ServiceSpec requireValid(ServiceSpec spec) {
        List<Problem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return spec;
    }
}

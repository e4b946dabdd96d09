package net.metacircular.mcp.adapter.podman;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.metacircular.mcp.adapter.podman.PodmanJson.ImageDefaults;
import net.metacircular.mcp.adapter.podman.PodmanJson.MalformedOutputException;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;

/**
 * The container runtime as podman's command line: one argv per call, JSON output parsed by {@link PodmanJson},
 * every flag value joined to its flag ({@code --env=X=-v}) so that no value can be read as a flag.
 */
public final class PodmanRuntime implements ContainerRuntime {
    private static final System.Logger LOG = System.getLogger(PodmanRuntime.class.getName());
    /**
     * Words of podman's stderr when podman itself cannot work (its storage, database, OCI runtime or
     * configuration), as opposed to refusing one request.
     */
    private static final List<String> RUNTIME_BROKEN = List.of(
            "creating runtime", "runtime static files directory", "error opening database", "opening database",
            "database is locked", "graph driver", "storage driver", "read-only file system", "no space left on device",
            "oci runtime \"", "default oci runtime", "conmon", "finding config on system", "cannot connect to podman",
            "unable to connect to podman", "could not get runtime", "error initializing");
    /** Longest part of podman's stderr put into an exception message. */
    private static final int MAX_QUOTED = 400;
    private static final String NO_SUCH_CONTAINER = "no such container";
    private static final String NO_SUCH_IMAGE = "image not known";

    private final CommandRunner runner;
    private final PodmanSettings settings;

    /**
     * @param runner   how processes are run
     * @param settings the program, deadlines and extra environment
     */
    public PodmanRuntime(CommandRunner runner, PodmanSettings settings) {
        this.runner = Objects.requireNonNull(runner, "'runner' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
    }

    /** A runtime running the real podman with {@code settings}. */
    public static PodmanRuntime create(PodmanSettings settings) {
        return new PodmanRuntime(new ProcessCommandRunner(), settings);
    }

    @Override
    public String name() {
        return "podman";
    }

    @Override
    public String version() {
        return parsed(() -> PodmanJson.version(call(settings.callTimeout(), "version", "--format", "json").stdout()));
    }

    @Override
    public List<ContainerInfo> list() {
        ExecResult r = exec(settings.callTimeout(), "ps", "-a", "--format", "json");
        if (!r.succeeded()) {
            // Listing refuses no request of the operator's: when it fails, podman cannot tell what runs, which the
            // monitor must treat as an outage (states unknown), never as containers gone.
            ContainerRuntimeException f = failure(List.of("ps", "-a", "--format", "json"), r);
            throw new ContainerRuntimeException(f.getMessage(), true, f.getCause());
        }
        return parsed(() -> PodmanJson.containers(r.stdout()));
    }

    /**
     * {@code podman ps -a --filter name=^N$ …}: podman applies the filters before it reads each container's state,
     * so this costs a fraction of a full listing on a busy node (BENCHMARKS.md, P3). Names are anchored and their
     * regex characters escaped; the answer is filtered again by exact name.
     */
    @Override
    public List<ContainerInfo> list(Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("ps", "-a", "--format", "json"));
        for (String n : new TreeSet<>(names)) {
            positional("container", n);
            argv.add("--filter");
            argv.add("name=^" + regexLiteral(n) + "$");
        }
        ExecResult r = exec(settings.callTimeout(), argv.toArray(String[]::new));
        if (!r.succeeded()) {
            ContainerRuntimeException f = failure(argv, r);
            throw new ContainerRuntimeException(f.getMessage(), true, f.getCause());
        }
        return parsed(() -> PodmanJson.containers(r.stdout())).stream().filter(c -> names.contains(c.name())).toList();
    }

    /** {@code name} with every character but letters, digits, {@code _} and {@code -} escaped for Go's regexp. */
    static String regexLiteral(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (char ch : name.toCharArray()) {
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '_' && ch != '-') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** {@code podman container inspect NAME} alone: the image's defaults are not needed for a listing's entry. */
    @Override
    public Optional<ContainerInfo> info(String container) {
        return inspected(container).map(PodmanJson.Inspected::info);
    }

    @Override
    public Optional<ContainerDetails> inspect(String container) {
        Optional<PodmanJson.Inspected> c = inspected(container);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        // The image's own env, cmd and user are taken out of the spec, so the spec says only what was given.
        ImageDefaults image = c.get().info().imageId().isEmpty() ? ImageDefaults.NONE
                : imageDefaults(c.get().info().imageId()).orElse(ImageDefaults.NONE);
        return Optional.of(PodmanJson.details(c.get(), image));
    }

    /** One {@code podman container inspect NAME}, parsed; empty when there is no such container. */
    private Optional<PodmanJson.Inspected> inspected(String container) {
        positional("container", container);
        ExecResult r = exec(settings.callTimeout(), "container", "inspect", container);
        if (!r.succeeded()) {
            if (mentions(r.stderr(), NO_SUCH_CONTAINER)) {
                return Optional.empty();
            }
            throw failure(List.of("container", "inspect", container), r);
        }
        return parsed(() -> PodmanJson.container(r.stdout()));
    }

    @Override
    public String pull(String image) {
        positional("image", image);
        ExecResult r = call(settings.pullTimeout(), "pull", "--quiet", image);
        return lastLine(r.stdout(), "pull " + image);
    }

    @Override
    public Optional<String> imageId(String image) {
        positional("image", image);
        return imageDefaults(image).map(ImageDefaults::id);
    }

    @Override
    public String run(String container, ComponentSpec spec) {
        positional("container", container);
        Objects.requireNonNull(spec, "'spec' must not be null");
        positional("image", spec.image());
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name=" + container));
        flag(args, "--network", spec.network());
        flag(args, "--user", spec.user());
        flag(args, "--restart", spec.restart());
        spec.ports().forEach(p -> args.add("--publish=" + p));
        spec.volumes().forEach(v -> args.add("--volume=" + v));
        spec.env().forEach(e -> args.add("--env=" + e));
        args.add(spec.image());
        args.addAll(spec.cmd());
        // run pulls an image that is not local, so it gets the pull deadline.
        ExecResult r = call(settings.pullTimeout(), args.toArray(String[]::new));
        return lastLine(r.stdout(), "run " + container);
    }

    @Override
    public void start(String container) {
        positional("container", container);
        call(settings.callTimeout(), "start", container);
    }

    @Override
    public void stop(String container, Duration grace) {
        positional("container", container);
        call(stopDeadline(grace), "stop", "--ignore", "--time=" + seconds(grace), container);
    }

    @Override
    public void restart(String container, Duration grace) {
        positional("container", container);
        call(stopDeadline(grace), "restart", "--time=" + seconds(grace), container);
    }

    @Override
    public void remove(String container) {
        positional("container", container);
        call(settings.callTimeout(), "rm", "--ignore", container);
    }

    /** {@code podman rm --force --ignore --time=GRACE NAME}: stop within the grace, then remove, in one call. */
    @Override
    public void stopAndRemove(String container, Duration grace) {
        positional("container", container);
        call(stopDeadline(grace), "rm", "--force", "--ignore", "--time=" + seconds(grace), container);
    }

    private Optional<ImageDefaults> imageDefaults(String image) {
        ExecResult r = exec(settings.callTimeout(), "image", "inspect", image);
        if (!r.succeeded()) {
            if (mentions(r.stderr(), NO_SUCH_IMAGE)) {
                return Optional.empty();
            }
            throw failure(List.of("image", "inspect", image), r);
        }
        return parsed(() -> PodmanJson.image(r.stdout()));
    }

    /** Runs podman and throws unless it succeeded. */
    private ExecResult call(Duration timeout, String... args) {
        ExecResult r = exec(timeout, args);
        if (!r.succeeded()) {
            throw failure(List.of(args), r);
        }
        return r;
    }

    /** Runs podman; a start failure or a timeout means the runtime is unavailable. */
    private ExecResult exec(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(settings.binary());
        argv.addAll(List.of(args));
        try {
            return runner.run(argv, settings.environment(), timeout);
        } catch (CommandException e) {
            LOG.log(System.Logger.Level.WARNING, "podman {0}: {1}", args[0], e.getMessage());
            throw new ContainerRuntimeException("podman " + describe(List.of(args)) + ": " + e.getMessage(), true, e);
        }
    }

    private static ContainerRuntimeException failure(List<String> args, ExecResult r) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add("podman");
        argv.addAll(args);
        CommandException cause = CommandException.failed(argv, r);
        boolean broken = RUNTIME_BROKEN.stream().anyMatch(w -> mentions(r.stderr(), w));
        String said = CommandException.firstLine(r.stderr());
        return new ContainerRuntimeException("podman " + describe(args) + " failed (exit " + r.exitCode() + ")"
                + (said.isEmpty() ? "" : ": " + printable(said)), broken, cause);
    }

    /** Podman's own words, control characters escaped, "Error: " dropped, bounded so a message stays readable. */
    static String printable(String said) {
        String s = said.startsWith("Error: ") ? said.substring("Error: ".length()) : said;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < MAX_QUOTED; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= MAX_QUOTED && s.length() > MAX_QUOTED ? out + "…" : out.toString();
    }

    /** The subcommand and its last argument (a name or image); values such as env stay out of messages. */
    private static String describe(List<String> args) {
        if (args.isEmpty()) {
            return "";
        }
        if (args.get(0).equals("run")) {
            return args.stream().filter(a -> a.startsWith("--name=")).findFirst()
                    .map(a -> "run " + a.substring("--name=".length())).orElse("run");
        }
        String sub = args.get(0).equals("container") || args.get(0).equals("image") ? args.get(0) + " " + args.get(1) : args.get(0);
        if (sub.equals("version") || sub.equals("ps")) {
            return sub;
        }
        String last = args.get(args.size() - 1);
        return last.startsWith("-") || args.size() == 1 ? sub : sub + " " + last;
    }

    private Duration stopDeadline(Duration grace) {
        return grace.plus(settings.stopGrace()).plus(settings.callTimeout());
    }

    private static long seconds(Duration grace) {
        Objects.requireNonNull(grace, "'grace' must not be null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        // podman takes whole seconds; round up so a container never gets less than it was promised.
        return (grace.toMillis() + 999) / 1000;
    }

    private static void flag(List<String> args, String flag, String value) {
        if (!value.isEmpty()) {
            args.add(flag + "=" + value);
        }
    }

    /**
     * Rejects a value that podman would take as a flag or that could smuggle a line into its output;
     * the domain validates these too, this is defence in depth.
     */
    static String positional(String what, String value) {
        Objects.requireNonNull(value, "'" + what + "' must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.startsWith("-")) {
            throw new IllegalArgumentException(what + " \"" + Text.quoteSafe(value) + "\" must not begin with '-'");
        }
        if (Text.hasControl(value)) {
            throw new IllegalArgumentException(what + " \"" + Text.quoteSafe(value) + "\" holds control characters");
        }
        return value;
    }

    private static boolean mentions(String stderr, String words) {
        return stderr.toLowerCase(Locale.ROOT).contains(words);
    }

    private static String lastLine(String stdout, String what) {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (last.isEmpty()) {
            throw new ContainerRuntimeException("podman " + what + " printed no ID", true, null);
        }
        return last;
    }

    private static <T> T parsed(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (MalformedOutputException e) {
            throw new ContainerRuntimeException(e.getMessage(), true, e);
        }
    }
}

package net.metacircular.mcp.adapter.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.Durations;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.Text;

/**
 * A rehearsal script for the fake runtime: what happens to which container when, counted from the start of the
 * replay. One statement per line, {@code #} starts a comment:
 * <pre>
 * image &lt;ref&gt;                                       make an image pullable, so services can be deployed
 * at &lt;T&gt; run &lt;container&gt; &lt;image&gt;                    a container started by hand (recorded as ignore)
 * at &lt;T&gt; crash &lt;container&gt; [exit-code]               the container exits on its own (exit code 1)
 * at &lt;T&gt; start|stop|remove &lt;container&gt;               what an operator or a restart policy would do
 * from &lt;T1&gt; to &lt;T2&gt; restart &lt;container&gt; every &lt;N&gt;   crashes at T1, T1+N, ... before T2; back N/2 later
 * from &lt;T1&gt; to &lt;T2&gt; unavailable                      every runtime call fails from T1 until T2
 * </pre>
 * Times are durations such as {@code 500ms}, {@code 30s}, {@code 2m}.
 *
 * @param images the images made pullable before the replay starts
 * @param steps  what happens, ordered by time (steps at the same time keep their order in the file)
 */
public record Scenario(List<String> images, List<Step> steps) {
    public Scenario {
        images = List.copyOf(images);
        steps = steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    }

    /** What a step does. */
    public enum Kind {
        RUN, CRASH, START, STOP, REMOVE, UNAVAILABLE, AVAILABLE
    }

    /**
     * One thing that happens.
     *
     * @param at        when, from the start of the replay
     * @param kind      what
     * @param container to which container; empty for the runtime's availability
     * @param image     the image of a {@code run}; empty otherwise
     * @param exitCode  the exit code of a {@code crash}
     */
    public record Step(Duration at, Kind kind, String container, String image, int exitCode) {
        public Step {
            Objects.requireNonNull(at, "'at' must not be null");
            Objects.requireNonNull(kind, "'kind' must not be null");
            Objects.requireNonNull(container, "'container' must not be null");
            Objects.requireNonNull(image, "'image' must not be null");
        }

        /** Plays this step on {@code runtime}. */
        public void apply(FakeRuntime runtime) {
            switch (kind) {
                case RUN -> runtime.startExternally(container, image);
                case CRASH -> runtime.crash(container, exitCode);
                case START -> runtime.start(container);
                case STOP -> runtime.stop(container, Duration.ZERO);
                case REMOVE -> runtime.remove(container);
                case UNAVAILABLE -> runtime.setUnavailable(true);
                case AVAILABLE -> runtime.setUnavailable(false);
            }
        }

        @Override
        public String toString() {
            return Durations.format(at) + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + (container.isEmpty() ? "" : " " + container);
        }
    }

    /** Reads and parses a scenario file; every problem is reported at once, with its line. */
    public static Scenario read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    /** Parses a scenario; throws {@link InvalidInputException} with every problem, each naming its line. */
    public static Scenario parse(String text) {
        List<String> images = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String[] w = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1);
            Optional<String> problem = statement(w, images, steps);
            problem.ifPresent(p -> problems.add(new Problem(where, p + " (in \"" + Text.quoteSafe(line.strip()) + "\")")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Scenario(images, steps);
    }

    private static Optional<String> statement(String[] w, List<String> images, List<Step> steps) {
        if (w[0].equals("image") && w.length == 2) {
            images.add(w[1]);
            return Optional.empty();
        }
        if (w[0].equals("at") && w.length >= 3) {
            Optional<Duration> at = Durations.tryParse(w[1]);
            if (at.isEmpty()) {
                return Optional.of("\"" + w[1] + "\" is not a time such as 30s or 2m");
            }
            return switch (w[2]) {
                case "run" -> w.length == 5 ? add(steps, new Step(at.get(), Kind.RUN, w[3], w[4], 0)) : usage();
                case "crash" -> {
                    if (w.length == 4) {
                        yield add(steps, new Step(at.get(), Kind.CRASH, w[3], "", 1));
                    }
                    if (w.length == 5 && w[4].matches("[0-9]{1,3}")) {
                        yield add(steps, new Step(at.get(), Kind.CRASH, w[3], "", Integer.parseInt(w[4])));
                    }
                    yield usage();
                }
                case "start" -> w.length == 4 ? add(steps, new Step(at.get(), Kind.START, w[3], "", 0)) : usage();
                case "stop" -> w.length == 4 ? add(steps, new Step(at.get(), Kind.STOP, w[3], "", 0)) : usage();
                case "remove" -> w.length == 4 ? add(steps, new Step(at.get(), Kind.REMOVE, w[3], "", 0)) : usage();
                default -> usage();
            };
        }
        if (w[0].equals("from") && w.length >= 5 && w[2].equals("to")) {
            Optional<Duration> from = Durations.tryParse(w[1]);
            Optional<Duration> to = Durations.tryParse(w[3]);
            if (from.isEmpty() || to.isEmpty() || !to.get().minus(from.get()).isPositive()) {
                return Optional.of("\"from T1 to T2\" needs two times with T1 before T2");
            }
            if (w[4].equals("unavailable") && w.length == 5) {
                steps.add(new Step(from.get(), Kind.UNAVAILABLE, "", "", 0));
                steps.add(new Step(to.get(), Kind.AVAILABLE, "", "", 0));
                return Optional.empty();
            }
            if (w[4].equals("restart") && w.length == 8 && w[6].equals("every")) {
                Optional<Duration> every = Durations.tryParse(w[7]);
                if (every.isEmpty() || every.get().toMillis() < 2) {
                    return Optional.of("\"every N\" needs a period such as 20s");
                }
                for (Duration t = from.get(); t.compareTo(to.get()) < 0; t = t.plus(every.get())) {
                    steps.add(new Step(t, Kind.CRASH, w[5], "", 1));
                    steps.add(new Step(t.plus(every.get().dividedBy(2)), Kind.START, w[5], "", 0));
                }
                return Optional.empty();
            }
        }
        return usage();
    }

    private static Optional<String> add(List<Step> steps, Step s) {
        steps.add(s);
        return Optional.empty();
    }

    private static Optional<String> usage() {
        return Optional.of("not a statement: use \"image REF\", \"at T run|crash|start|stop|remove CONTAINER ...\", "
                + "\"from T1 to T2 restart CONTAINER every N\" or \"from T1 to T2 unavailable\"");
    }

    /** Makes the scenario's images pullable on {@code runtime}. */
    public void prepare(FakeRuntime runtime) {
        for (String ref : images) {
            runtime.addImage(ref, FakeRuntime.imageIdOf(ref));
        }
    }
}

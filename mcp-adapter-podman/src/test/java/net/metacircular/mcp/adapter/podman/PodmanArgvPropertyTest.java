package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Text;

/**
 * No value beginning with {@code -} or holding a control character ever reaches a podman argv as a positional value:
 * every runtime call is driven with generated names, images and specs through a recording command runner, and every
 * argv recorded is checked against the exact shape of its subcommand. Flag values only ever travel inside one
 * {@code --flag=value} element; the container's own command after the image is the container's, not podman's.
 */
class PodmanArgvPropertyTest {
    private static final String PODMAN = "/usr/bin/podman";
    private static final List<String> RUN_FLAGS = List.of("--name=", "--network=", "--user=", "--restart=",
            "--publish=", "--volume=", "--env=");

    enum Op { INSPECT, PULL, IMAGE_ID, RUN, START, STOP, RESTART, REMOVE }

    @Property(seed = "7501", tries = 500)
    void noUnsafeValue_reachesAPositionalSlotOfAnyPodmanArgv(@ForAll Op op, @ForAll("values") String container,
                                                            @ForAll("values") String image,
                                                            @ForAll("specs") ComponentSpec fields) {
        RecordingRunner runner = new RecordingRunner();
        PodmanRuntime podman = new PodmanRuntime(runner, PodmanSettings.defaults().withBinary(PODMAN));
        ComponentSpec spec = fields.withImage(image);

        boolean refused = false;
        try {
            switch (op) {
                case INSPECT -> podman.inspect(container);
                case PULL -> podman.pull(image);
                case IMAGE_ID -> podman.imageId(image);
                case RUN -> podman.run(container, spec);
                case START -> podman.start(container);
                case STOP -> podman.stop(container, Duration.ofSeconds(1));
                case RESTART -> podman.restart(container, Duration.ofSeconds(1));
                case REMOVE -> podman.remove(container);
            }
        } catch (IllegalArgumentException e) {
            refused = true;
        }

        boolean unsafeInput = switch (op) {
            case PULL, IMAGE_ID -> !safe(image);
            case RUN -> !safe(container) || !safe(image);
            default -> !safe(container);
        };
        assertThat(refused).as("refused before podman ran").isEqualTo(unsafeInput);
        if (refused) {
            assertThat(runner.calls).isEmpty();
        }
        for (List<String> argv : runner.calls) {
            positionals(argv, spec).forEach(v -> assertThat(safe(v)).as("positional %s in %s", Text.quoteSafe(v), argv).isTrue());
        }
    }

    /** The positional values of one argv, after checking that it has exactly its subcommand's shape. */
    private static List<String> positionals(List<String> argv, ComponentSpec spec) {
        assertThat(argv.getFirst()).isEqualTo(PODMAN);
        List<String> args = argv.subList(1, argv.size());
        String sub = args.getFirst();
        return switch (sub) {
            case "run" -> {
                assertThat(args.get(1)).isEqualTo("-d");
                int flags = 1 + (spec.network().isEmpty() ? 0 : 1) + (spec.user().isEmpty() ? 0 : 1)
                        + (spec.restart().isEmpty() ? 0 : 1) + spec.ports().size() + spec.volumes().size() + spec.env().size();
                List<String> flagElements = args.subList(2, 2 + flags);
                assertThat(flagElements).allSatisfy(f -> assertThat(RUN_FLAGS.stream().anyMatch(f::startsWith))
                        .as("flag element %s", Text.quoteSafe(f)).isTrue());
                String imageSlot = args.get(2 + flags);
                assertThat(imageSlot).isEqualTo(spec.image());
                assertThat(args.subList(3 + flags, args.size())).isEqualTo(spec.cmd());
                yield List.of(imageSlot);
            }
            case "container", "image" -> {
                assertThat(args).hasSize(3);
                assertThat(args.get(1)).isEqualTo("inspect");
                yield List.of(args.get(2));
            }
            case "pull" -> {
                assertThat(args).hasSize(3);
                assertThat(args.get(1)).isEqualTo("--quiet");
                yield List.of(args.get(2));
            }
            case "start" -> {
                assertThat(args).hasSize(2);
                yield List.of(args.get(1));
            }
            case "stop" -> {
                assertThat(args).hasSize(4);
                assertThat(args.subList(1, 3)).containsExactly("--ignore", "--time=1");
                yield List.of(args.get(3));
            }
            case "restart" -> {
                assertThat(args).hasSize(3);
                assertThat(args.get(1)).isEqualTo("--time=1");
                yield List.of(args.get(2));
            }
            case "rm" -> {
                assertThat(args).hasSize(3);
                assertThat(args.get(1)).isEqualTo("--ignore");
                yield List.of(args.get(2));
            }
            default -> throw new AssertionError("unexpected subcommand in " + argv);
        };
    }

    private static boolean safe(String v) {
        return !v.isEmpty() && !v.startsWith("-") && !Text.hasControl(v);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withChars("-.:/_0").ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(plain, plain.map(v -> "-" + v), plain.map(v -> "--" + v),
                Arbitraries.of("-", "--", "--privileged", "-v=/:/host", "--all", "-d", "", "a\0b", "x\ny", "\u001b[2J",
                        "web\r", "\u0085x", "x\u007f", "127.0.0.1:45000/mcp-test/busybox:v1"),
                Arbitraries.strings().withChars("-\0\n\t a\u001b\u0085").ofMaxLength(6));
    }

    @Provide
    Arbitrary<ComponentSpec> specs() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.just(""), values());
        Arbitrary<List<String>> list = values().list().ofMaxSize(3);
        return Combinators.combine(field, field, field, list, list, list, list)
                .as((net, user, restart, ports, volumes, cmd, env) ->
                        new ComponentSpec("c", "img", net, user, restart, ports, volumes, cmd, env));
    }

    /** Records every argv and answers like podman would, so each call completes its normal path. */
    private static final class RecordingRunner implements CommandRunner {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public ExecResult run(List<String> argv, Map<String, String> extraEnv, Duration timeout) {
            calls.add(List.copyOf(argv));
            return switch (argv.get(1)) {
                case "run" -> new ExecResult(0, "cafe01\n", "");
                case "pull" -> new ExecResult(0, "5779a50c1b51\n", "");
                case "container" -> new ExecResult(125, "[]\n", "Error: inspecting object: no such container\n");
                case "image" -> new ExecResult(125, "[]\n", "Error: inspecting object: image not known\n");
                default -> new ExecResult(0, "", "");
            };
        }
    }
}

package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code mcp} builds only the subcommand it runs ({@link McpCli#commandLineFor}); what any invocation prints and
 * returns must be exactly what the whole tree would print and return.
 */
class InvokedSubcommandTest {
    private static final OperatorFactory NO_CONFIG = config -> {
        throw new AssertionError("these invocations must fail or print help before the config is read");
    };

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static CommandLine whole() {
        return McpCli.commandLine(NO_CONFIG, Prompters.NONE, "mcp 9.9", TerminalInfo.plain(), InstantSource.fixed(Instant.EPOCH));
    }

    private static CommandLine forArgs(String... args) {
        return McpCli.commandLineFor(NO_CONFIG, Prompters.NONE, "mcp 9.9", TerminalInfo.plain(),
                InstantSource.fixed(Instant.EPOCH), args);
    }

    /** Every command path of the whole tree, e.g. [ps] and [node, add]. */
    static Stream<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(whole(), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.add(p);
            collect(sub, p, out);
        });
    }

    private static String[] with(List<String> path, String... more) {
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void help_isTheSameAsTheWholeTreesHelp(List<String> path) {
        String[] args = with(path, "--help");
        Outcome expected = execute(whole(), args);
        assertThat(expected.out()).contains("Usage:");
        assertThat(execute(forArgs(args), args)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void anUnknownOption_isReportedAsByTheWholeTree(List<String> path) {
        String[] args = with(path, "--no-such-option");
        Outcome expected = execute(whole(), args);
        assertThat(expected.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(expected.err()).contains("Usage: mcp " + String.join(" ", path));
        assertThat(execute(forArgs(args), args)).isEqualTo(expected);
    }

    @Test
    void invocationsThatListCommands_getTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-V"}, new String[] {"sttaus"},
                new String[] {"completion", "bash"}, new String[] {"--config", "x.toml"}, new String[] {"-x", "ps"})) {
            assertThat(forArgs(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .isEqualTo(whole().getSubcommands().keySet());
            assertThat(execute(forArgs(args), args)).as(String.join(" ", args)).isEqualTo(execute(whole(), args));
        }
    }

    @Test
    void aNamedSubcommand_isBuiltAlone_afterTheConfigOptionInEitherForm() {
        assertThat(forArgs("ps").getSubcommands()).containsOnlyKeys("ps");
        assertThat(forArgs("--config", "a.toml", "deploy", "svc").getSubcommands()).containsOnlyKeys("deploy");
        assertThat(forArgs("--config=a.toml", "node", "add", "n", "h:1").getSubcommands()).containsOnlyKeys("node");
        assertThat(forArgs("service", "show", "x").getSubcommands().get("service").getSubcommands())
                .containsOnlyKeys("show", "export", "edit");
    }
}

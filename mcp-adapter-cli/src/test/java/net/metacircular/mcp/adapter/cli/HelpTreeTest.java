package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Walks the whole {@code mcp} and {@code mcp-agent} command trees: every command's help teaches with an example. */
class HelpTreeTest {
    private static CommandLine mcp() {
        return McpCli.commandLine(config -> {
            throw new AssertionError("help must not need a config");
        }, "test", TerminalInfo.plain(), () -> Instant.EPOCH);
    }

    private static CommandLine agent() {
        return AgentCli.commandLine(new AgentLauncher() {
            @Override
            public int serve(java.nio.file.Path config) {
                throw new AssertionError();
            }

            @Override
            public int snapshot(java.nio.file.Path config) {
                throw new AssertionError();
            }
        }, "test", TerminalInfo.plain());
    }

    private static void walk(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, out));
    }

    @Test
    void everyCommand_hasADescriptionAndAnExampleInItsHelp() {
        List<CommandLine> all = new ArrayList<>();
        walk(mcp(), all);
        walk(agent(), all);
        assertThat(all).hasSizeGreaterThan(6);
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName();
            assertThat(cl.getUsageMessage()).as(name).containsIgnoringCase("example");
            assertThat(cl.getCommandSpec().usageMessage().description()).as(name + " description").isNotEmpty();
        }
    }

    @Test
    void completionBash_printsAScriptThatCompletesSubcommands() {
        StringWriter out = new StringWriter();
        int code = mcp().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute("completion", "bash");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("complete -F").contains("deploy").contains("status");
    }

    @Test
    void completionOfAnUnknownShell_isAUsageError() {
        int code = mcp().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()))
                .execute("completion", "fish");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
    }
}

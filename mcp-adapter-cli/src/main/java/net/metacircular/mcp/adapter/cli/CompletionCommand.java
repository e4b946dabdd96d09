package net.metacircular.mcp.adapter.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp completion bash|zsh}: prints a shell completion script for the whole command tree. */
@Command(name = "completion",
        description = "Print a completion script for bash or zsh.",
        footer = {"", "Examples:", "  source <(mcp completion bash)          # bash, this shell",
                "  mcp completion bash > /etc/bash_completion.d/mcp",
                "  autoload -U +X bashcompinit && bashcompinit && source <(mcp completion zsh)   # zsh"})
final class CompletionCommand implements Callable<Integer> {
    /** The shells a script can be printed for. */
    enum Shell { bash, zsh }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    private Shell shell;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() {
        // picocli's script is bash; zsh runs it through bashcompinit, as the example shows.
        String script = AutoComplete.bash("mcp", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

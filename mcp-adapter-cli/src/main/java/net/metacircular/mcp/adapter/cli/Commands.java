package net.metacircular.mcp.adapter.cli;

import picocli.CommandLine;

/** Settings shared by both command lines: colour, exit codes and the exception mapper on every command. */
final class Commands {
    private Commands() {
    }

    static CommandLine configure(CommandLine cl, TerminalInfo terminal, ExceptionMapper mapper) {
        // These setters reach the subcommands registered so far, so they run after every addSubcommand.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler(mapper);
        exitCodes(cl);
        return cl;
    }

    private static void exitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnSuccess(ExitCodes.OK)
                .exitCodeOnInvalidInput(ExitCodes.USAGE)
                .exitCodeOnExecutionException(ExitCodes.FAILURE);
        cl.getSubcommands().values().forEach(Commands::exitCodes);
    }
}

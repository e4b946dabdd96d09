package net.metacircular.mcp.adapter.cli;

import java.io.Console;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@link TerminalInfo} of the process's real terminal, using jline only to learn the width. */
final class JLineTerminalInfo {
    private static final System.Logger LOG = System.getLogger(JLineTerminalInfo.class.getName());

    private JLineTerminalInfo() {
    }

    static TerminalInfo detect(Map<String, String> env) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return TerminalInfo.plain();
        }
        boolean colour = env.getOrDefault("NO_COLOR", "").isEmpty() && !"dumb".equals(env.get("TERM"));
        return TerminalInfo.of(colour, width(env));
    }

    private static int width(Map<String, String> env) {
        String columns = env.getOrDefault("COLUMNS", "");
        if (columns.matches("[0-9]{1,4}")) {
            return Integer.parseInt(columns);
        }
        // The exec provider asks stty; the native providers would need --enable-native-access and print warnings.
        try (Terminal t = TerminalBuilder.builder().system(true).provider("exec").dumb(true).build()) {
            return Math.max(0, t.getWidth());
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "terminal width unknown: {0}", e.toString());
            return 0;
        }
    }
}

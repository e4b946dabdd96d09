package net.metacircular.mcp.app.cli;

import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The CLI's logging: the JDK's own (no logging framework to load, which keeps start-up short), silent unless
 * {@code MCP_LOG_LEVEL} asks for {@code debug}, {@code info}, {@code warn} or {@code error} on stderr. The CLI's
 * messages to the operator do not go through here; they are written by the commands themselves.
 */
final class QuietLogging {
    private QuietLogging() {
    }

    static void configure(Map<String, String> env) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        String wanted = env.getOrDefault("MCP_LOG_LEVEL", "");
        Level level = switch (wanted) {
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            default -> Level.OFF;
        };
        root.setLevel(level);
        if (level != Level.OFF) {
            ConsoleHandler h = new ConsoleHandler();
            h.setLevel(level);
            root.addHandler(h);
        }
    }
}

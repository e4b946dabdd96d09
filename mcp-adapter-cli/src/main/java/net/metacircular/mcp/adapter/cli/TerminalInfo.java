package net.metacircular.mcp.adapter.cli;

import java.util.Map;
import java.util.Objects;

/** What the CLI may assume about standard output: whether ANSI colour is wanted, and how wide it is. */
public interface TerminalInfo {
    /** True when ANSI escapes may be written: stdout is a terminal and {@code NO_COLOR} is not set. */
    boolean colour();

    /** The terminal's width in columns; 0 when unknown or not a terminal (no truncation). */
    int width();

    /** No colour and no width limit: pipes, files and tests. */
    static TerminalInfo plain() {
        return of(false, 0);
    }

    /** A fixed answer. */
    static TerminalInfo of(boolean colour, int width) {
        return new TerminalInfo() {
            @Override
            public boolean colour() {
                return colour;
            }

            @Override
            public int width() {
                return width;
            }
        };
    }

    /** The real terminal, asked through jline only when stdout is one, honouring {@code NO_COLOR} and {@code TERM=dumb}. */
    static TerminalInfo detect(Map<String, String> env) {
        Objects.requireNonNull(env, "'env' must not be null");
        return JLineTerminalInfo.detect(env);
    }
}

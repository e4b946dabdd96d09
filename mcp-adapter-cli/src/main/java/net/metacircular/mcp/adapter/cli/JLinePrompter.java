package net.metacircular.mcp.adapter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@link Prompter} over a jline {@link Terminal}: secrets are read with echo off (jline's mask character 0), and the
 * terminal is opened only when a prompt is needed, so commands that ask nothing never touch it.
 */
final class JLinePrompter implements Prompter {
    private final Supplier<Terminal> opener;
    private final boolean interactive;
    private final InputStream stdin;
    private Terminal terminal;

    JLinePrompter(Supplier<Terminal> opener, boolean interactive, InputStream stdin) {
        this.opener = Objects.requireNonNull(opener, "'opener' must not be null");
        this.interactive = interactive;
        this.stdin = Objects.requireNonNull(stdin, "'stdin' must not be null");
    }

    /** A prompter over a given terminal (tests use a dumb terminal over byte streams). */
    static JLinePrompter over(Terminal terminal, InputStream stdin) {
        return new JLinePrompter(() -> terminal, true, stdin);
    }

    static JLinePrompter system() {
        java.io.Console console = System.console();
        boolean tty = console != null && console.isTerminal();
        return new JLinePrompter(() -> {
            try {
                // the exec provider asks stty; the native ones would need --enable-native-access
                return TerminalBuilder.builder().system(true).provider("exec").build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
            }
        }, tty, System.in);
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public String readLine(String prompt) {
        return read(prompt, null);
    }

    @Override
    public char[] readSecret(String prompt) {
        // mask character 0: jline echoes nothing at all, not even asterisks
        return read(prompt, (char) 0).toCharArray();
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    private String read(String prompt, Character mask) {
        if (!interactive) {
            throw new IllegalStateException("there is no terminal to ask on");
        }
        if (terminal == null) {
            terminal = opener.get();
        }
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, 0)
                .build();
        try {
            return reader.readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new IllegalStateException("no answer: the prompt was interrupted", e);
        } finally {
            terminal.flush();
        }
    }
}

package net.metacircular.mcp.adapter.cli;

import java.io.InputStream;

/** Prompters that need no terminal. */
final class Prompters {
    /** No terminal, empty standard input: every question fails with a clear message. */
    static final Prompter NONE = new Prompter() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            throw new IllegalStateException("there is no terminal to ask on");
        }

        @Override
        public char[] readSecret(String prompt) {
            throw new IllegalStateException("there is no terminal to ask on");
        }

        @Override
        public InputStream stdin() {
            return InputStream.nullInputStream();
        }
    };

    private Prompters() {
    }
}

package net.metacircular.mcp.adapter.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An aligned text table: a header row and columns separated by two spaces, no trailing blanks. One flexible
 * column is shortened from its start when the terminal is too narrow, so the end of an image reference (its tag)
 * stays visible. Text from agents is stripped of control characters so it cannot drive the terminal.
 */
final class Table {
    /** The colour a cell is shown in when colour is on. */
    enum Tint {
        NONE(""), GREEN("\u001b[32m"), YELLOW("\u001b[33m"), RED("\u001b[31m");

        private final String code;

        Tint(String code) {
            this.code = code;
        }
    }

    /** One cell. */
    record Cell(String text, Tint tint) {
        Cell {
            text = printable(Objects.requireNonNull(text, "'text' must not be null"));
            Objects.requireNonNull(tint, "'tint' must not be null");
        }

        static Cell of(String text) {
            return new Cell(text, Tint.NONE);
        }
    }

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final int MIN_FLEX = 12;

    private final List<String> headers;
    private final int flexColumn;
    private final List<List<Cell>> rows = new ArrayList<>();

    /**
     * @param headers    column titles
     * @param flexColumn index of the column shortened to fit the terminal, or -1 for none
     */
    Table(List<String> headers, int flexColumn) {
        this.headers = List.copyOf(headers);
        this.flexColumn = flexColumn;
    }

    Table row(Cell... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.copyOf(Arrays.asList(cells)));
        return this;
    }

    Table row(String... cells) {
        return row(Arrays.stream(cells).map(Cell::of).toArray(Cell[]::new));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines ending in a newline. */
    String render(TerminalInfo terminal) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<Cell> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).text().length());
            }
        }
        fit(widths, terminal.width());
        StringBuilder out = new StringBuilder();
        List<Cell> head = headers.stream().map(Cell::of).toList();
        line(out, head, widths, terminal.colour(), true);
        for (List<Cell> row : rows) {
            line(out, row, widths, terminal.colour(), false);
        }
        return out.toString();
    }

    private void fit(int[] widths, int termWidth) {
        if (termWidth <= 0 || flexColumn < 0) {
            return;
        }
        int total = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        if (total > termWidth) {
            widths[flexColumn] = Math.max(Math.min(MIN_FLEX, widths[flexColumn]), widths[flexColumn] - (total - termWidth));
        }
    }

    private static void line(StringBuilder out, List<Cell> cells, int[] widths, boolean colour, boolean header) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            String text = shorten(c.text(), widths[i]);
            boolean last = i == cells.size() - 1;
            String prefix = colour && header ? BOLD : colour ? c.tint().code : "";
            line.append(prefix).append(text).append(prefix.isEmpty() ? "" : RESET);
            if (!last) {
                line.append(" ".repeat(widths[i] - text.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String shorten(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return "…" + text.substring(text.length() - (width - 1));
    }

    /** {@code s} with every control character (ESC included) shown as {@code ?}. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        return out.toString();
    }
}

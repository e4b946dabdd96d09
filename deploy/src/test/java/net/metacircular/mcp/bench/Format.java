package net.metacircular.mcp.bench;

import java.util.Locale;

/** Number formatting for the results table. */
final class Format {
    private Format() {
    }

    static String ms(double ms) {
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 0.1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f µs", ms * 1000);
    }

    static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024 * 1024));
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.3f %%", v);
    }
}

package net.metacircular.mcp.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the operator's durations: a whole number and a unit, {@code 500ms}, {@code 60s}, {@code 15m}, {@code 2h}, {@code 30d}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Returns the duration, or a problem for {@code field} when {@code text} is not of the form. */
    public static Duration parse(String field, String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException(field,
                "\"" + Text.quoteSafe(text == null ? "" : text) + "\" is not a duration such as 500ms, 60s, 15m, 2h or 30d"));
    }

    /** The duration, or empty when {@code text} is not of the form. */
    public static Optional<Duration> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** The shortest exact rendering of {@code d} in the same form ({@code 90s} stays {@code 90s}, {@code 60s} is {@code 1m}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}

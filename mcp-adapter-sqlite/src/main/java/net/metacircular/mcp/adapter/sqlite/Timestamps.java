package net.metacircular.mcp.adapter.sqlite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as stored: ISO-8601 UTC with fixed-width milliseconds, so that string order is time order. */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The SQL expression for "now" in the stored format, for the columns the registry stamps itself. */
    static final String SQL_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private Timestamps() {
    }

    static String format(Instant instant) {
        // Sub-millisecond digits are dropped rather than rounded so a stored time never lies in the future.
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static String formatNullable(Instant instant) {
        return instant == null ? null : format(instant);
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }

    static Instant parseNullable(String text) {
        return text == null ? null : parse(text);
    }
}

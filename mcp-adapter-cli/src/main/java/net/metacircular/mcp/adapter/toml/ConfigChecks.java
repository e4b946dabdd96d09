package net.metacircular.mcp.adapter.toml;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.metacircular.mcp.domain.Durations;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.Text;

/** Checks shared by the config readers: required fields, addresses, URLs, durations, and {@code ~} in paths. */
final class ConfigChecks {
    private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})");

    private ConfigChecks() {
    }

    /** Reads a config file's text, telling the operator what to create when it is missing. */
    static String readConfig(Path file, String example) {
        try {
            return TomlDefinitionStore.readText(file);
        } catch (NotFoundException e) {
            throw new InvalidInputException(file.toString(), "does not exist; create it (for example from " + example + ")");
        }
    }

    /** The non-empty string at {@code key}, recording "{@code <path> is required}" when it is missing or empty. */
    static String required(TomlFields table, String key, List<Problem> problems) {
        String v = table.string(key, "");
        // A value of the wrong type already has its problem; only an absent or empty string is "required".
        if (!table.has(key) || (table.raw(key) instanceof String && v.isBlank())) {
            problems.add(new Problem("", table.at(key) + " is required"));
        }
        return v;
    }

    /** Records a problem unless {@code value} is {@code host:port} with a port in 1-65535. */
    static void address(TomlFields table, String key, String value, List<Problem> problems) {
        if (value.isEmpty()) {
            return;
        }
        Matcher m = ADDRESS.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            problems.add(new Problem(table.at(key), "\"" + Text.quoteSafe(value)
                    + "\" is not host:port (for example \"100.95.252.120:9444\" or \"[::1]:9444\")"));
        }
    }

    /** Records a problem unless {@code value} is empty or an absolute {@code https://} URL with a host. */
    static void httpsUrl(TomlFields table, String key, String value, List<Problem> problems) {
        if (value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new Problem(table.at(key), "\"" + Text.quoteSafe(value)
                + "\" is not an https:// URL (for example \"https://mcias.example.net:8443\")"));
    }

    /** The duration at {@code key}, or {@code fallback} with a problem recorded when it is not one or not positive. */
    static Duration duration(TomlFields table, String key, Duration fallback, List<Problem> problems) {
        if (!table.has(key)) {
            return fallback;
        }
        String text = table.string(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(table.at(key), text);
            if (d.isZero()) {
                problems.add(new Problem(table.at(key), "must be longer than zero"));
                return fallback;
            }
            return d;
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    /**
     * The path at {@code key}, empty when absent or empty; with {@code home} given, a leading {@code ~} means the
     * home directory (the agent gets none: it runs under systemd, not a login shell).
     */
    static Optional<Path> path(TomlFields table, String key, Optional<Path> home, List<Problem> problems) {
        String text = table.string(key, "");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (home.isPresent() && text.equals("~")) {
                return home;
            }
            if (home.isPresent() && text.startsWith("~/")) {
                return Optional.of(home.get().resolve(text.substring(2)));
            }
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            problems.add(new Problem(table.at(key), "\"" + Text.quoteSafe(text) + "\" is not a path: " + e.getReason()));
            return Optional.empty();
        }
    }
}

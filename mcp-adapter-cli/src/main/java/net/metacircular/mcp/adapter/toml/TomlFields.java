package net.metacircular.mcp.adapter.toml;

import com.moandjiezana.toml.Toml;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import net.metacircular.mcp.domain.Problem;

/**
 * Typed, explicit reads from one TOML table that record a problem with its field path instead of throwing, so a
 * document's every mistake is reported at once. A value of the wrong type reads as the default.
 */
final class TomlFields {
    private final String path;
    private final Map<String, Object> values;
    private final List<Problem> problems;

    private TomlFields(String path, Map<String, Object> values, List<Problem> problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    /** The root table of {@code text}, or empty with the parser's problems recorded when it is not TOML. */
    static Optional<TomlFields> parse(String text, List<Problem> problems) {
        Objects.requireNonNull(text, "'text' must not be null");
        try {
            return Optional.of(new TomlFields("", new Toml().read(text).toMap(), problems));
        } catch (IllegalStateException e) {
            // toml4j's message lists one error per line, each naming its line number.
            String message = e.getMessage() == null ? "not a TOML document" : e.getMessage();
            for (String line : message.strip().split("\n")) {
                if (!line.isBlank()) {
                    problems.add(new Problem("", "not valid TOML: " + line.strip()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            // toml4j's regex parser has corner cases that fail with other runtime errors; they are still bad input.
            problems.add(new Problem("", "not valid TOML: " + e));
            return Optional.empty();
        }
    }

    /** The field path of {@code key} in this table. */
    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Object raw(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    void problem(String key, String message) {
        problems.add(new Problem(at(key), message));
    }

    /** Records a problem for every key not in {@code allowed}, naming the allowed keys. */
    void allowOnly(List<String> allowed) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(key)) {
                problem(key, "unknown key \"" + key + "\"; allowed keys" + (path.isEmpty() ? "" : " in " + path)
                        + ": " + String.join(", ", allowed));
            }
        }
    }

    String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        problem(key, "must be a string, not " + typeOf(v));
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problem(key, "must be a boolean (true or false), not " + typeOf(v));
        return fallback;
    }

    long integer(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long n) {
            return n;
        }
        problem(key, "must be an integer, not " + typeOf(v));
        return fallback;
    }

    List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problem(key, "must be an array of strings, not " + typeOf(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                problems.add(new Problem(at(key) + "[" + i + "]", "must be a string, not " + typeOf(list.get(i))));
                ok = false;
            }
        }
        return ok ? out : List.of();
    }

    /** The sub-table {@code key}; an absent key reads as an empty table. */
    TomlFields table(String key) {
        Object v = values.get(key);
        if (v == null) {
            return new TomlFields(at(key), Map.of(), problems);
        }
        if (v instanceof Map<?, ?> m) {
            return new TomlFields(at(key), cast(m), problems);
        }
        problem(key, "must be a table ([" + at(key) + "]), not " + typeOf(v));
        return new TomlFields(at(key), Map.of(), problems);
    }

    /** The array of tables {@code key} ({@code [[key]]} blocks); an absent key reads as none. */
    List<TomlFields> tables(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof Map<?, ?>)) {
            List<TomlFields> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(new TomlFields(at(key) + "[" + i + "]", cast((Map<?, ?>) list.get(i)), problems));
            }
            return out;
        }
        problem(key, "must be [[" + at(key) + "]] blocks, not " + typeOf(v));
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static String typeOf(Object v) {
        return switch (v) {
            case String s -> "a string";
            case Long n -> "an integer";
            case Double d -> "a float";
            case Boolean b -> "a boolean";
            case Date d -> "a date";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "a table";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    /** {@code problems} located in {@code file}: each field path is prefixed with the file, as a compiler would. */
    static List<Problem> located(String source, List<Problem> problems) {
        return problems.stream()
                .map(p -> new Problem(p.field().isEmpty() ? source : source + ": " + p.field(), p.message()))
                .toList();
    }
}

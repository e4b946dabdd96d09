package net.metacircular.mcp.adapter.toml;

import java.util.List;
import java.util.Objects;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.Text;

/**
 * Renders a service definition as TOML in the design's layout: the service's keys, then one {@code [[components]]}
 * block per component with its keys in a fixed order, empty fields left out. The output is stable (the same
 * definition always gives the same text) and reads back, through {@link TomlDefinitionStore#parse}, as an equal one;
 * a value toml4j could not carry unchanged is refused with {@link IllegalArgumentException} rather than written wrong.
 */
public final class TomlWriter {
    /** Arrays longer than this on one line are written one element per line. */
    static final int MAX_INLINE = 100;

    private TomlWriter() {
    }

    /** The TOML text of {@code def}, ending with a newline. */
    public static String render(ServiceDefinition def) {
        Objects.requireNonNull(def, "'def' must not be null");
        ServiceSpec spec = def.spec();
        StringBuilder out = new StringBuilder();
        key(out, "name", spec.name());
        key(out, "node", def.node());
        out.append("active = ").append(spec.active()).append('\n');
        for (ComponentSpec c : spec.components()) {
            out.append("\n[[components]]\n");
            key(out, "name", c.name());
            key(out, "image", c.image());
            optional(out, "network", c.network());
            optional(out, "user", c.user());
            optional(out, "restart", c.restart());
            array(out, "ports", c.ports());
            array(out, "volumes", c.volumes());
            array(out, "cmd", c.cmd());
            array(out, "env", c.env());
        }
        return out.toString();
    }

    private static void key(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(quote(value)).append('\n');
    }

    private static void optional(StringBuilder out, String key, String value) {
        if (!value.isEmpty()) {
            key(out, key, value);
        }
    }

    private static void array(StringBuilder out, String key, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<String> quoted = values.stream().map(TomlWriter::quote).toList();
        String inline = key + " = [" + String.join(", ", quoted) + "]";
        if (inline.length() <= MAX_INLINE) {
            out.append(inline).append('\n');
            return;
        }
        out.append(key).append(" = [\n");
        for (int i = 0; i < quoted.size(); i++) {
            out.append("  ").append(quoted.get(i)).append(i + 1 < quoted.size() ? ",\n" : "\n");
        }
        out.append("]\n");
    }

    /**
     * {@code s} as a TOML string that toml4j 0.7.2 reads back exactly. toml4j mangles backslashes in basic strings
     * ({@code "C:\\to"} reads as {@code C:<tab>o}, a trailing {@code \\} leaves the string unterminated), so a
     * value holding a backslash is written as a literal string ({@code '…'}, or {@code '''…'''} when it holds a
     * single quote); every other value is a basic string with quotes and control characters escaped.
     *
     * @throws IllegalArgumentException for the rare value no form carries through toml4j unchanged
     */
    static String quote(String s) {
        if (s.indexOf('\\') < 0) {
            return basic(s);
        }
        boolean control = s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!control && s.indexOf('\'') < 0) {
            return "'" + s + "'";
        }
        if (!control && !s.contains("'''") && !s.startsWith("'") && !s.endsWith("'")) {
            return "'''" + s + "'''";
        }
        throw new IllegalArgumentException("\"" + Text.quoteSafe(s)
                + "\" holds a backslash together with control characters or single quotes at its ends;"
                + " toml4j cannot read such a value back");
    }

    private static String basic(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

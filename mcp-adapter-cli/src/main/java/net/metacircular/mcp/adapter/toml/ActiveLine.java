package net.metacircular.mcp.adapter.toml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets the top-level {@code active} key of a service definition by editing that one line of text, since no TOML
 * writer keeps comments: the value on an existing {@code active} line is replaced (its indentation, spacing and
 * trailing comment kept), or {@code active = …} is inserted after the {@code node} line, with that line's ending.
 * Every other byte of the text is left as it was.
 */
final class ActiveLine {
    private static final Pattern ACTIVE = Pattern.compile("^(\\s*active\\s*=\\s*)(true|false)(\\s*(?:#.*)?)$");
    private static final Pattern NODE = Pattern.compile("^\\s*node\\s*=.*$");
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[.*$");

    private ActiveLine() {
    }

    /** {@code text} with {@code active} set; empty when the text has neither an {@code active} nor a {@code node} line. */
    static Optional<String> set(String text, boolean active) {
        List<String[]> lines = split(text);
        int nodeLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String body = lines.get(i)[0];
            if (TABLE.matcher(body).matches()) {
                break; // only the top level holds the service's keys
            }
            Matcher m = ACTIVE.matcher(body);
            if (m.matches()) {
                lines.get(i)[0] = m.group(1) + active + m.group(3);
                return Optional.of(join(lines));
            }
            if (nodeLine < 0 && NODE.matcher(body).matches()) {
                nodeLine = i;
            }
        }
        if (nodeLine < 0) {
            return Optional.empty();
        }
        String ending = lines.get(nodeLine)[1].isEmpty() ? "\n" : lines.get(nodeLine)[1];
        if (lines.get(nodeLine)[1].isEmpty()) {
            lines.get(nodeLine)[1] = ending; // the node line was the last, without an ending
            lines.add(nodeLine + 1, new String[] {"active = " + active, ""});
        } else {
            lines.add(nodeLine + 1, new String[] {"active = " + active, ending});
        }
        return Optional.of(join(lines));
    }

    /** Lines as {body, ending}, where the ending is {@code \n}, {@code \r\n} or empty for a last line without one. */
    private static List<String[]> split(String text) {
        List<String[]> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(new String[] {text.substring(start), ""});
                break;
            }
            int bodyEnd = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            out.add(new String[] {text.substring(start, bodyEnd), text.substring(bodyEnd, nl + 1)});
            start = nl + 1;
        }
        return out;
    }

    private static String join(List<String[]> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l[0]).append(l[1]));
        return out.toString();
    }
}

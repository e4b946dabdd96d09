package net.metacircular.mcp.domain;

/** Small helpers for putting untrusted text into messages. */
public final class Text {
    private Text() {
    }

    /** True when {@code s} holds a control character (including NUL, newline and DEL). */
    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with control characters escaped and cut to 80 characters, safe to echo in an error. */
    public static String quoteSafe(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 80 && s.length() > 80) {
            out.append("…");
        }
        return out.toString();
    }
}

package net.metacircular.mcp.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of text an attacker would try: separators, dots, dashes, NUL and other control characters, non-ASCII. */
final class HostileText {
    /** Characters that matter to paths, flags, names and references, plus a few that should never matter. */
    static final String TRICKY = "/.-_:@\\ \t\n\r\0\u0001\u001b\u007f\u0085\u00a0\u2028\u202e~*?$;'\"=[]{}#%";

    private HostileText() {
    }

    /** Strings of up to {@code max} characters drawn mostly from {@link #TRICKY} and safe letters, sometimes anything. */
    static Arbitrary<String> strings(int max) {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(toChars(TRICKY))),
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().range('a', 'z').with('0', '1', '9', 'A', 'Z')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        return chars.list().ofMaxSize(max).map(HostileText::join);
    }

    private static Character[] toChars(String s) {
        return s.chars().mapToObj(c -> (char) c).toArray(Character[]::new);
    }

    private static String join(java.util.List<Character> cs) {
        StringBuilder out = new StringBuilder(cs.size());
        cs.forEach(out::append);
        return out.toString();
    }
}

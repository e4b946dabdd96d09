package net.metacircular.mcp.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed container image reference {@code [registry[:port]/]repository[:tag][@digest]}.
 *
 * @param registry   host and optional port; empty when the reference names none
 * @param repository the path, e.g. {@code metacrypt} or {@code library/busybox}
 * @param tag        the tag; empty when absent
 * @param digest     the digest such as {@code sha256:…}; empty when absent
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    /** Longest reference accepted. */
    public static final int MAX_LENGTH = 512;
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    public ImageRef {
        Objects.requireNonNull(registry, "'registry' must not be null");
        Objects.requireNonNull(repository, "'repository' must not be null");
        Objects.requireNonNull(tag, "'tag' must not be null");
        Objects.requireNonNull(digest, "'digest' must not be null");
    }

    /** Parses a reference or throws {@link InvalidInputException} for {@code field} saying what is wrong. */
    public static ImageRef parse(String field, String ref) {
        Optional<String> problem = check(ref);
        if (problem.isPresent()) {
            throw new InvalidInputException(field, problem.get());
        }
        return split(ref);
    }

    /** Returns what is wrong with {@code ref}, or empty when it is a valid reference. */
    public static Optional<String> check(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.of("is required");
        }
        String shown = "\"" + Text.quoteSafe(ref) + "\"";
        if (ref.length() > MAX_LENGTH) {
            return Optional.of(shown + " is longer than " + MAX_LENGTH + " characters");
        }
        if (Text.hasControl(ref) || ref.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(shown + " holds white space or control characters");
        }
        if (ref.startsWith("-")) {
            return Optional.of(shown + " must not begin with '-'");
        }
        ImageRef r = split(ref);
        if (!r.registry.isEmpty() && !HOST.matcher(r.registry).matches()) {
            return Optional.of(shown + " has an invalid registry host \"" + r.registry + "\"");
        }
        if (r.repository.isEmpty()) {
            return Optional.of(shown + " names no repository");
        }
        for (String part : r.repository.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                return Optional.of(shown + " has an invalid repository path (lower-case letters, digits and separators . _ - /)");
            }
        }
        if (!r.tag.isEmpty() && !TAG.matcher(r.tag).matches()) {
            return Optional.of(shown + " has an invalid tag \"" + r.tag + "\"");
        }
        if (!r.digest.isEmpty() && !DIGEST.matcher(r.digest).matches()) {
            return Optional.of(shown + " has an invalid digest");
        }
        if (ref.endsWith(":") || ref.endsWith("@")) {
            return Optional.of(shown + " ends with an empty tag or digest");
        }
        return Optional.empty();
    }

    private static ImageRef split(String ref) {
        String rest = ref;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /**
     * The version an operator reads off this reference: the tag; {@code latest} when there is neither tag nor
     * digest (the runtime's implicit tag); the first 12 hex digits of a digest-only reference.
     */
    public String version() {
        if (!tag.isEmpty()) {
            return tag;
        }
        if (!digest.isEmpty()) {
            String hex = digest.substring(digest.indexOf(':') + 1);
            return "@" + hex.substring(0, Math.min(12, hex.length()));
        }
        return "latest";
    }

    /** The version of a reference string; empty when it does not parse. */
    public static String versionOf(String ref) {
        return check(ref).isPresent() ? "" : split(ref).version();
    }
}

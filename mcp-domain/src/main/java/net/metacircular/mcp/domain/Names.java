package net.metacircular.mcp.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming convention: services and components have safe lower-case names, and a component runs as the
 * container {@code <service>-<component>}, or {@code <service>} when a single component shares the service's name.
 */
public final class Names {
    /** Longest service or component name. A container name is at most twice this plus one. */
    public static final int MAX_LENGTH = 63;
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    private Names() {
    }

    /** Returns what is wrong with a service or component name, or empty when it is valid. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("\"" + Text.quoteSafe(name) + "\" is longer than " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("\"" + Text.quoteSafe(name)
                    + "\" must be lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** True when {@code name} is a valid service or component name. */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** Throws {@link InvalidInputException} for {@code field} unless {@code name} is valid; returns it. */
    public static String require(String field, String name) {
        problem(name).ifPresent(p -> {
            throw new InvalidInputException(field, p);
        });
        return name;
    }

    /** The container that runs {@code component} of {@code service}. */
    public static String containerName(String service, String component) {
        return component.equals(service) ? service : service + "-" + component;
    }

    /**
     * The component a container belongs to when adopted into {@code service}: {@code metacrypt-api} gives
     * {@code api}, a container named exactly {@code service} gives {@code service}; empty when it does not match.
     */
    public static Optional<String> componentOf(String service, String container) {
        if (container.equals(service)) {
            return Optional.of(service);
        }
        String prefix = service + "-";
        if (container.startsWith(prefix) && container.length() > prefix.length()) {
            return Optional.of(container.substring(prefix.length()));
        }
        return Optional.empty();
    }
}

package net.metacircular.mcp.app.agent;

import net.metacircular.mcp.domain.InvalidInputException;

/** A {@code host:port} from configuration; IPv6 hosts in brackets. */
record HostPort(String host, int port) {
    static HostPort parse(String field, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidInputException(field, "\"" + text + "\" is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "\"" + text + "\" has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(field, "port " + port + " is outside 1-65535");
        }
        return new HostPort(host, port);
    }
}

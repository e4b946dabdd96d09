package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * What a sync did to one service on one node.
 *
 * @param service the service
 * @param changed whether its desired state or recorded spec changed, or it was newly discovered
 * @param summary one line for the operator
 */
public record ServiceSyncResult(String service, boolean changed, String summary) {
    public ServiceSyncResult {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(summary, "'summary' must not be null");
    }
}

package net.metacircular.mcp.domain;

import java.util.Objects;

/**
 * A service definition file as the operator writes it: the spec plus the node it targets.
 *
 * @param node name of the node whose agent runs the service
 * @param spec the service spec pushed to that agent
 */
public record ServiceDefinition(String node, ServiceSpec spec) {
    public ServiceDefinition {
        Objects.requireNonNull(node, "'node' must not be null");
        Objects.requireNonNull(spec, "'spec' must not be null");
    }
}

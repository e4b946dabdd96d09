package net.metacircular.mcp.port.out;

import java.time.Instant;
import java.util.List;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;

/** Builders of registry records, specs and definitions for tests of the CLI side. */
public final class RegistryTestData {
    private RegistryTestData() {
    }

    /** A component record whose image is {@code registry.test/<service>-<component>:<version>}. */
    public static ComponentRecord component(String service, String component, String version,
                                            DesiredState desired, ObservedState observed, Instant started) {
        ComponentSpec spec = ComponentSpec.of(component, "registry.test/" + service + "-" + component + ":" + version);
        return new ComponentRecord(service, spec, desired, observed, version, started, started == null ? "" : "c0ffee");
    }

    /** A running component started at {@code started}. */
    public static ComponentRecord running(String service, String component, String version, Instant started) {
        return component(service, component, version, DesiredState.RUNNING, ObservedState.RUNNING, started);
    }

    /** An active service of these components. */
    public static ServiceRecord service(String name, ComponentRecord... components) {
        return new ServiceRecord(name, true, List.of(components));
    }

    /** An active spec of components with images {@code registry.test/<service>-<component>:v1}. */
    public static ServiceSpec spec(String name, String... components) {
        return new ServiceSpec(name, true, java.util.Arrays.stream(components)
                .map(c -> ComponentSpec.of(c, "registry.test/" + name + "-" + c + ":v1")).toList());
    }

    /** A definition of {@link #spec} on {@code node}. */
    public static ServiceDefinition definition(String node, String name, String... components) {
        return new ServiceDefinition(node, spec(name, components));
    }
}

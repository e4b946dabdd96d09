package net.metacircular.mcp.adapter.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceFilePath;
import net.metacircular.mcp.domain.SpecValidation;
import net.metacircular.mcp.proto.v1.ComponentSpec;
import net.metacircular.mcp.proto.v1.ServiceSpec;

/**
 * Size checks on request messages before they are mapped into the domain, so an oversized request is refused
 * cheaply and never copied, logged or echoed in full. The domain's validation does the rest.
 */
final class RequestLimits {
    /** Longest image reference, network, user or restart policy accepted. */
    static final int MAX_FIELD = 1024;
    /** Most services one sync may push. */
    static final int MAX_SYNC_SERVICES = 1000;

    private RequestLimits() {
    }

    /** Every size problem of a service spec, with field paths; empty when it is within bounds. */
    static List<Problem> check(ServiceSpec spec, String component) {
        List<Problem> problems = new ArrayList<>();
        name(problems, "name", spec.getName());
        if (!component.isEmpty()) {
            name(problems, "component", component);
        }
        if (spec.getComponentsCount() > SpecValidation.MAX_COMPONENTS) {
            problems.add(new Problem("components", "more than " + SpecValidation.MAX_COMPONENTS + " components"));
            return problems;
        }
        for (int i = 0; i < spec.getComponentsCount(); i++) {
            ComponentSpec c = spec.getComponents(i);
            String at = "components[" + i + "]";
            name(problems, at + ".name", c.getName());
            field(problems, at + ".image", c.getImage());
            field(problems, at + ".network", c.getNetwork());
            field(problems, at + ".user", c.getUser());
            field(problems, at + ".restart", c.getRestart());
            list(problems, at + ".ports", c.getPortsList());
            list(problems, at + ".volumes", c.getVolumesList());
            list(problems, at + ".cmd", c.getCmdList());
            list(problems, at + ".env", c.getEnvList());
        }
        return problems;
    }

    /** Every size problem of a sync request, with field paths; empty when it is within bounds. */
    static List<Problem> check(net.metacircular.mcp.proto.v1.SyncRequest request) {
        List<Problem> problems = new ArrayList<>();
        if (request.getServicesCount() > MAX_SYNC_SERVICES) {
            problems.add(new Problem("services", "more than " + MAX_SYNC_SERVICES + " services"));
            return problems;
        }
        for (int i = 0; i < request.getServicesCount(); i++) {
            String at = "services[" + i + "]";
            check(request.getServices(i), "").forEach(p -> problems.add(p.prefixed(at)));
        }
        return problems;
    }

    /**
     * Every size problem of a file push or pull, with field paths ({@code service}, {@code path}, {@code content});
     * {@code contentBytes} is 0 for a pull. The use case checks the rest (path rules, mode).
     */
    static List<Problem> checkFile(String service, String path, long contentBytes) {
        List<Problem> problems = new ArrayList<>();
        name(problems, "service", service);
        // a UTF-8 byte per character at least, so a long string is refused before it is encoded
        if (path.length() > ServiceFilePath.MAX_PATH_BYTES
                || path.getBytes(StandardCharsets.UTF_8).length > ServiceFilePath.MAX_PATH_BYTES) {
            problems.add(new Problem("path", "is longer than " + ServiceFilePath.MAX_PATH_BYTES + " bytes"));
        }
        FileContent.tooLarge(contentBytes).ifPresent(p -> problems.add(new Problem("content", p)));
        return problems;
    }

    /** The problem with a service name used as a filter, if it is too long. */
    static List<Problem> checkName(String field, String name) {
        List<Problem> problems = new ArrayList<>();
        name(problems, field, name);
        return problems;
    }

    private static void name(List<Problem> problems, String field, String value) {
        if (value.length() > Names.MAX_LENGTH) {
            problems.add(new Problem(field, "is longer than " + Names.MAX_LENGTH + " characters"));
        }
    }

    private static void field(List<Problem> problems, String field, String value) {
        if (value.length() > MAX_FIELD) {
            problems.add(new Problem(field, "is longer than " + MAX_FIELD + " characters"));
        }
    }

    private static void list(List<Problem> problems, String field, List<String> values) {
        if (values.size() > SpecValidation.MAX_LIST) {
            problems.add(new Problem(field, "more than " + SpecValidation.MAX_LIST + " entries"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).length() > SpecValidation.MAX_VALUE) {
                problems.add(new Problem(field + "[" + i + "]", "is longer than " + SpecValidation.MAX_VALUE + " characters"));
            }
        }
    }
}

package net.metacircular.mcp.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.in.NodesUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.NodeConfig;

/** Edits the operator's node list: names follow the naming rule, addresses are {@code host:port}, names are unique. */
public final class Nodes implements NodesUseCase {
    private final NodeConfig config;

    /** @param config the node list in the operator's config file */
    public Nodes(NodeConfig config) {
        this.config = Objects.requireNonNull(config, "'config' must not be null");
    }

    @Override
    public List<Node> nodes() {
        return config.nodes();
    }

    @Override
    public void add(String name, String address) {
        List<Problem> problems = new ArrayList<>();
        Names.problem(name).ifPresent(p -> problems.add(new Problem("name", p)));
        addressProblem(address).ifPresent(p -> problems.add(new Problem("address", p)));
        if (problems.isEmpty() && config.nodes().stream().anyMatch(n -> n.name().equals(name))) {
            problems.add(new Problem("name", "node \"" + name + "\" is already configured in " + config.location()
                    + "; remove it first to change its address"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        config.add(new Node(name, address));
    }

    @Override
    public void remove(String name) {
        Names.require("name", name);
        if (!config.remove(name)) {
            throw new NotFoundException("node \"" + name + "\" is not configured in " + config.location());
        }
    }

    @Override
    public String location() {
        return config.location();
    }

    /** What is wrong with an agent address, or empty when it is {@code host:port} or {@code [v6]:port}. */
    static java.util.Optional<String> addressProblem(String address) {
        if (address == null || address.isEmpty()) {
            return java.util.Optional.of("is required");
        }
        String bad = "\"" + Text.quoteSafe(address) + "\" is not host:port (an IPv6 address is [address]:port)";
        if (address.length() > 255 || Text.hasControl(address) || address.chars().anyMatch(c -> c == ' ' || c == '"'
                || c == '\\' || c == '#' || c == '\'')) {
            return java.util.Optional.of(bad);
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return java.util.Optional.of(bad);
        }
        String host = address.substring(0, colon);
        String port = address.substring(colon + 1);
        if (host.startsWith("[") != host.endsWith("]") || (!host.startsWith("[") && host.contains(":"))
                || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return java.util.Optional.of(bad);
        }
        return java.util.Optional.empty();
    }
}

package net.metacircular.mcp.adapter.toml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway;

/**
 * Reads the CLI's {@code mcp.toml}. Every problem is reported at once, each naming the file and the field; a
 * leading {@code ~} in a path means the operator's home directory.
 */
public final class CliConfigReader {
    /** The environment variable naming the config file. */
    public static final String CONFIG_ENV = "MCP_CONFIG";
    private static final List<String> SECTIONS = List.of("services", "mcias", "auth", "tls", "nodes");

    private CliConfigReader() {
    }

    /** {@code $MCP_CONFIG} when set and not empty, else {@code ~/.config/mcp/mcp.toml}. */
    public static Path defaultLocation(Map<String, String> env, Path home) {
        Objects.requireNonNull(env, "'env' must not be null");
        Objects.requireNonNull(home, "'home' must not be null");
        String configured = env.getOrDefault(CONFIG_ENV, "");
        if (!configured.isBlank()) {
            return configured.equals("~") ? home
                    : configured.startsWith("~/") ? home.resolve(configured.substring(2)) : Path.of(configured);
        }
        return home.resolve(".config").resolve("mcp").resolve("mcp.toml");
    }

    /** Reads and checks {@code file}; throws {@link InvalidInputException} with every problem. */
    public static CliConfig read(Path file, Path home) {
        Objects.requireNonNull(file, "'file' must not be null");
        return parse(ConfigChecks.readConfig(file, "deploy/examples/mcp.toml"), file, home);
    }

    /** Parses the text of a config file that lives at {@code file}. */
    public static CliConfig parse(String text, Path file, Path home) {
        Objects.requireNonNull(text, "'text' must not be null");
        Objects.requireNonNull(file, "'file' must not be null");
        Objects.requireNonNull(home, "'home' must not be null");
        List<Problem> problems = new ArrayList<>();
        TomlFields root = TomlFields.parse(text, problems).orElse(null);
        if (root == null) {
            throw new InvalidInputException(TomlFields.located(file.toString(), problems));
        }
        root.allowOnly(SECTIONS);
        Path dir = file.toAbsolutePath().getParent();
        Optional<Path> h = Optional.of(home);

        TomlFields services = root.table("services");
        services.allowOnly(List.of("dir"));
        Path servicesDir = ConfigChecks.path(services, "dir", h, problems).orElse(dir.resolve("services"));

        TomlFields m = root.table("mcias");
        m.allowOnly(List.of("server_url", "ca_cert", "service_name"));
        String url = m.string("server_url", "");
        ConfigChecks.httpsUrl(m, "server_url", url, problems);
        MciasSettings mcias = new MciasSettings(url, ConfigChecks.path(m, "ca_cert", h, problems),
                m.string("service_name", "mcp"));

        TomlFields a = root.table("auth");
        a.allowOnly(List.of("token_path", "username", "password_file"));
        String username = a.string("username", "");
        CliConfig.Auth auth = new CliConfig.Auth(
                ConfigChecks.path(a, "token_path", h, problems).orElse(dir.resolve("token")),
                username.isEmpty() ? Optional.empty() : Optional.of(username),
                ConfigChecks.path(a, "password_file", h, problems));

        TomlFields t = root.table("tls");
        t.allowOnly(List.of("ca_cert"));
        CliConfig.Tls tls = new CliConfig.Tls(ConfigChecks.path(t, "ca_cert", h, problems));

        List<AgentGateway.Node> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<TomlFields> nodeTables = root.tables("nodes");
        if (nodeTables.isEmpty() && !root.has("nodes")) {
            problems.add(new Problem("", "at least one [[nodes]] block with name and address is required"));
        }
        for (TomlFields n : nodeTables) {
            n.allowOnly(List.of("name", "address"));
            String name = ConfigChecks.required(n, "name", problems);
            if (!name.isEmpty()) {
                Names.problem(name).ifPresent(p -> problems.add(new Problem(n.at("name"), p)));
                if (!names.add(name)) {
                    problems.add(new Problem(n.at("name"), "\"" + name + "\" is used by another node"));
                }
            }
            String address = ConfigChecks.required(n, "address", problems);
            ConfigChecks.address(n, "address", address, problems);
            nodes.add(new AgentGateway.Node(name, address));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(TomlFields.located(file.toString(), problems));
        }
        return new CliConfig(file, servicesDir, mcias, auth, tls, nodes);
    }
}

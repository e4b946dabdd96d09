package net.metacircular.mcp.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.time.InstantSource;
import net.metacircular.mcp.adapter.cli.McpCli;
import net.metacircular.mcp.adapter.cli.TerminalInfo;

/** Entry point of {@code mcp}: the picocli command tree over an operator use case built from the config. */
public final class McpMain {
    private McpMain() {
    }

    public static void main(String[] args) {
        String version = version();
        Optional<Integer> quick = McpCli.versionOnly(version, args);
        if (quick.isPresent()) {
            System.exit(quick.get());
        }
        QuietLogging.configure(System.getenv());
        String training = System.getenv("MCP_AOT_TRAINING");
        if (training != null && args.length == 0) {
            // deploy/scripts/train-aot.sh: one JVM runs several commands (one per line) so the AOT cache it records
            // holds the paths of all of them, not only of the first.
            training.lines().filter(l -> !l.isBlank()).forEach(l -> runOnce(version, l.trim().split(" +")));
            System.exit(0);
        }
        System.exit(runOnce(version, args));
    }

    private static int runOnce(String version, String... args) {
        try (CliWiring wiring = new CliWiring(System.getenv())) {
            return McpCli.run(wiring, net.metacircular.mcp.adapter.cli.Prompter.terminal(System.getenv()), version,
                    TerminalInfo.detect(System.getenv()), InstantSource.system(), args);
        }
    }

    static String version() {
        try (InputStream in = McpMain.class.getResourceAsStream("/mcp-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

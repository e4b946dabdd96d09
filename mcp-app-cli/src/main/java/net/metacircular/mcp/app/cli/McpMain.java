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
        int code = McpCli.run(new CliWiring(System.getenv()),
                net.metacircular.mcp.adapter.cli.Prompter.terminal(System.getenv()), version, TerminalInfo.detect(System.getenv()), InstantSource.system(), args);
        System.exit(code);
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

package net.metacircular.mcp.app.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import net.metacircular.mcp.adapter.cli.AgentCli;
import net.metacircular.mcp.adapter.cli.TerminalInfo;

/** Entry point of {@code mcp-agent}: parses the command line and hands the chosen command to {@link AgentLauncherImpl}. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        Logging.bridgeJul();
        int code = AgentCli.run(new AgentLauncherImpl(version()), version(), TerminalInfo.detect(System.getenv()), args);
        System.exit(code);
    }

    /** The build's version, from a resource Maven filters. */
    static String version() {
        try (InputStream in = AgentMain.class.getResourceAsStream("/mcp-agent-version.properties")) {
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

/**
 * The command lines of {@code mcp} and {@code mcp-agent} (picocli), their output (tables, JSON) and the terminal
 * seam (jline). The apps supply an {@link net.metacircular.mcp.adapter.cli.OperatorFactory} and an
 * {@link net.metacircular.mcp.adapter.cli.AgentLauncher} and call {@code McpCli}/{@code AgentCli}.
 */
package net.metacircular.mcp.adapter.cli;

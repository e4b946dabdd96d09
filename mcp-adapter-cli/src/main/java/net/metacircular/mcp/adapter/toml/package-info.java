/**
 * TOML files read with toml4j into records: service definitions (a {@code DefinitionStore}), the CLI's
 * {@code mcp.toml} and the agent's {@code mcp-agent.toml}; every problem reported at once with its field path.
 */
package net.metacircular.mcp.adapter.toml;

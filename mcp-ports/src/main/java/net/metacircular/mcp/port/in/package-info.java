/** In-ports: the use cases the agent's and the CLI's adapters call. */
package net.metacircular.mcp.port.in;

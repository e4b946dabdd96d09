/** Out-ports: what the use cases need from the world (runtime, registry, MCIAS, agents, files), named for their role. */
package net.metacircular.mcp.port.out;

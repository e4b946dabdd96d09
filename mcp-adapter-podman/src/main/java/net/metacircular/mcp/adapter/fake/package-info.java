/** An in-memory container runtime for offline simulation, demos and fast tests. */
package net.metacircular.mcp.adapter.fake;

/** The podman adapter: podman's CLI driven through an argv-only process seam, its JSON parsed, plus host metrics. */
package net.metacircular.mcp.adapter.podman;

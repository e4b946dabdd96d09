/** The use cases: they implement the in-ports by driving the out-ports, holding the domain's rules together. */
package net.metacircular.mcp.application;

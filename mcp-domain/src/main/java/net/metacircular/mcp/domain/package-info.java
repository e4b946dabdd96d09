/**
 * MCP's domain: services, components and their specs, desired and observed states, the drift table,
 * reconciliation and validation. Pure Java with no I/O and no clock: time is always a parameter.
 */
package net.metacircular.mcp.domain;

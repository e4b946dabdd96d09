/**
 * The gRPC adapter: the agent's server side (service, auth interceptor, TLS server) and the CLI's client side
 * (an {@link net.metacircular.mcp.port.out.AgentGateway} over TLS). Protobuf and gRPC types stay inside this package.
 */
package net.metacircular.mcp.adapter.grpc;

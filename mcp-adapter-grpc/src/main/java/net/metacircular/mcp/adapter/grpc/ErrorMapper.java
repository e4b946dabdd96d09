package net.metacircular.mcp.adapter.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.RegistryBusyException;

/**
 * The one place where domain errors become gRPC statuses on the agent, and statuses become domain errors again in
 * the CLI. Validation problems also travel as a {@code google.rpc.BadRequest} detail so the CLI gets every field path
 * back, while the description alone stays readable for other clients.
 */
final class ErrorMapper {
    /** The description of an UNAVAILABLE the auth interceptor sends when MCIAS cannot be asked. */
    static final String AUTH_UNAVAILABLE = "authentication service unavailable";
    /** How the description of an UNAVAILABLE starts when the node's registry stayed locked past its busy timeout. */
    static final String REGISTRY_BUSY = "the node's registry is busy";
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    private ErrorMapper() {
    }

    /** The status for an exception thrown while serving an RPC; unexpected ones are logged and hidden. */
    static StatusRuntimeException toStatusException(Throwable t) {
        Objects.requireNonNull(t, "'t' must not be null");
        return switch (t) {
            case StatusRuntimeException e -> e;
            case StatusException e -> new StatusRuntimeException(e.getStatus(), e.getTrailers());
            case InvalidInputException e -> invalidArgument(e);
            case NotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
            case PreconditionException e -> Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            case RegistryBusyException e -> Status.UNAVAILABLE.withDescription(REGISTRY_BUSY + ": " + e.getMessage())
                    .asRuntimeException();
            case ContainerRuntimeException e -> (e.unavailable() ? Status.UNAVAILABLE : Status.INTERNAL)
                    .withDescription(e.getMessage()).asRuntimeException();
            default -> {
                LOG.log(System.Logger.Level.ERROR, "unexpected error while serving an RPC", t);
                yield Status.INTERNAL.withDescription("internal error").asRuntimeException();
            }
        };
    }

    /** Shortcut for tests and callers that want only the status. */
    static Status toStatus(Throwable t) {
        return toStatusException(t).getStatus();
    }

    private static StatusRuntimeException invalidArgument(InvalidInputException e) {
        BadRequest.Builder details = BadRequest.newBuilder();
        for (Problem p : e.problems()) {
            details.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(p.field()).setDescription(p.message()));
        }
        com.google.rpc.Status rich = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INVALID_ARGUMENT.value())
                .setMessage(e.getMessage())
                .addDetails(Any.pack(details.build()))
                .build();
        return StatusProto.toStatusRuntimeException(rich);
    }

    /**
     * The domain exception for a failed call to {@code node}: the domain's own exceptions for what the agent
     * refused, {@link AgentUnavailableException} with a hint for the operator for everything else.
     */
    static RuntimeException toDomain(Throwable t, Node node) {
        Status status = Status.fromThrowable(t);
        String desc = status.getDescription() == null ? "" : status.getDescription();
        String where = "node " + node.name() + " (" + node.address() + ")";
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new InvalidInputException(problems(t, desc));
            case NOT_FOUND -> new NotFoundException(desc);
            case FAILED_PRECONDITION -> new PreconditionException(desc);
            case UNAVAILABLE -> {
                if (AUTH_UNAVAILABLE.equals(desc)) {
                    yield new AgentUnavailableException(node.name(), where + ": the agent cannot reach MCIAS to check "
                            + "the token (" + AUTH_UNAVAILABLE + ")", t);
                }
                if (desc.startsWith(REGISTRY_BUSY)) {
                    yield new AgentUnavailableException(node.name(), where + ": " + desc, t);
                }
                Throwable tls = tlsFailure(status.getCause());
                yield tls != null
                        ? new AgentUnavailableException(node.name(), where + " failed the TLS check: " + rootMessage(tls)
                                + "; check [tls] ca_cert and the agent's certificate and host name", t)
                        : new AgentUnavailableException(node.name(), where + " is unavailable: " + detail(status)
                                + "; is mcp-agent running?", t);
            }
            case DEADLINE_EXCEEDED -> new AgentUnavailableException(node.name(), where + " did not answer in time: "
                    + detail(status) + "; is mcp-agent running?", t);
            case UNAUTHENTICATED -> new AgentUnavailableException(node.name(), where + " rejected the token ("
                    + orCode(desc, status) + "); run `mcp login` to get a new one", t);
            case PERMISSION_DENIED -> new AgentUnavailableException(node.name(), where + " denied the request: the "
                    + "admin role is required (" + orCode(desc, status) + ")", t);
            // gRPC's own message-size limit (4 MiB), met only by a request larger than any the CLI sends
            case RESOURCE_EXHAUSTED -> new InvalidInputException("request", where + " refused a message over its "
                    + "size limit (" + orCode(desc, status) + "); a file moved by push or pull may be at most "
                    + FileContent.MAX_BYTES + " bytes");
            case UNIMPLEMENTED -> new AgentUnavailableException(node.name(), where + " does not support this "
                    + "operation (" + orCode(desc, status) + "); upgrade mcp-agent", t);
            default -> new AgentUnavailableException(node.name(), where + " failed: " + status.getCode() + ": "
                    + orCode(desc, status), t);
        };
    }

    /** The problems carried as a BadRequest detail; else the description as one problem, so the text is kept. */
    private static List<Problem> problems(Throwable t, String desc) {
        List<Problem> problems = new ArrayList<>();
        com.google.rpc.Status rich = StatusProto.fromThrowable(t);
        if (rich != null) {
            for (Any any : rich.getDetailsList()) {
                if (any.is(BadRequest.class)) {
                    try {
                        for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
                            problems.add(new Problem(v.getField(), v.getDescription()));
                        }
                    } catch (InvalidProtocolBufferException e) {
                        problems.clear();
                    }
                }
            }
        }
        if (problems.isEmpty()) {
            problems.add(new Problem("", desc.isEmpty() ? "invalid argument" : desc));
        }
        return problems;
    }

    /** The description plus the root cause, which is where a connection failure says what went wrong. */
    private static String detail(Status status) {
        String desc = orCode(status.getDescription() == null ? "" : status.getDescription(), status);
        // Netty appends its pipeline to the description on a new line: noise for an operator
        int nl = desc.indexOf('\n');
        String first = nl < 0 ? desc : desc.substring(0, nl);
        String root = status.getCause() == null ? null : rootMessage(status.getCause());
        return root == null ? first : first + " (" + root + ")";
    }

    private static Throwable tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException) {
                return c;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String orCode(String desc, Status status) {
        return desc.isEmpty() ? status.getCode().toString() : desc;
    }
}

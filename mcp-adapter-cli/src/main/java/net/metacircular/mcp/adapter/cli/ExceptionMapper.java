package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import picocli.CommandLine;

/**
 * The one place where an exception becomes words on stderr and an exit code. The operator sees what went wrong
 * and where, never a Java stack trace.
 */
final class ExceptionMapper implements CommandLine.IExecutionExceptionHandler {
    private static final System.Logger LOG = System.getLogger(ExceptionMapper.class.getName());
    private final Function<String, Optional<String>> addressOf;

    /** @param addressOf the configured address of a node, when known */
    ExceptionMapper(Function<String, Optional<String>> addressOf) {
        this.addressOf = Objects.requireNonNull(addressOf, "'addressOf' must not be null");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code = report(ex, err);
        err.flush();
        return code;
    }

    int report(Exception ex, PrintWriter err) {
        switch (ex) {
            case InvalidInputException e -> {
                for (Problem p : e.problems()) {
                    err.println(p);
                }
            }
            case NotFoundException e -> err.println(e.getMessage());
            case PreconditionException e -> err.println(e.getMessage());
            case net.metacircular.mcp.port.out.LoginRejectedException e -> err.println(e.getMessage());
            case net.metacircular.mcp.port.out.AuthUnavailableException e -> err.println("MCIAS: " + e.getMessage());
            case AgentUnavailableException e -> {
                String node = e.node() == null ? "?" : e.node();
                String message = String.valueOf(e.getMessage());
                err.println(message.startsWith("node " + node + " ") ? message
                        : "node " + node + addressOf.apply(node).map(a -> " (" + a + ")").orElse("") + ": " + message);
            }
            default -> {
                // A bug, not an operator mistake: keep the trace out of the operator's terminal but in the log.
                LOG.log(System.Logger.Level.DEBUG, "unexpected failure", ex);
                err.println("internal error: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            }
        }
        return ExitCodes.FAILURE;
    }
}

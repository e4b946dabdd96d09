package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.List;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import picocli.CommandLine;

/** The common ending of {@code list} and {@code ps}: the data on stdout, unreachable nodes on stderr, the exit code. */
final class ReadOutput {
    private ReadOutput() {
    }

    static int components(CommandLine cmd, CliContext context, Fleet<List<ServiceRecord>> fleet, boolean json,
                          FleetView.TimeColumn time) {
        PrintWriter out = cmd.getOut();
        if (json) {
            out.println(FleetView.json(fleet));
        } else {
            out.print(FleetView.components(fleet.answers(), time, context.terminal(), context.clock().instant()));
            FleetView.errors(fleet.errors(), cmd.getErr());
        }
        out.flush();
        cmd.getErr().flush();
        return fleet.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}

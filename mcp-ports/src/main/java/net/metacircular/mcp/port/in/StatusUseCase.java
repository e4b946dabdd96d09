package net.metacircular.mcp.port.in;

import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;

/** The agent's read side: the registry, live checks, the full status picture and node facts. */
public interface StatusUseCase {
    /** The registry as stored, without asking the runtime. */
    List<ServiceRecord> listServices();

    /** Reconciles with the runtime, then returns every service. */
    List<ServiceRecord> liveCheck();

    /** Reconciles, then returns states, drift and the newest {@code eventLimit} events; of one service when given. */
    StatusReport status(Optional<String> service, int eventLimit);

    /** What the node reports about itself. */
    NodeInfo nodeStatus();
}

package net.metacircular.mcp.port.in;

import java.util.List;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.LifecycleAction;

/** The agent's StopService, StartService and RestartService. */
public interface LifecycleUseCase {
    /**
     * Stops, starts or restarts every component of {@code service}. Stop and start record the desired state first
     * ({@code stopped} or {@code running}); restart leaves it alone. A service the registry does not hold, or holds
     * only as a discovered ({@code ignore}) container, throws {@link net.metacircular.mcp.domain.NotFoundException}
     * or {@link net.metacircular.mcp.domain.PreconditionException}. Returns one result per component.
     */
    List<ComponentResult> apply(LifecycleAction action, String service);
}

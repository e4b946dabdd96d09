package net.metacircular.mcp.port.in;

import java.util.List;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;

/** The agent's SyncDesiredState: the operator's definitions for this node, pushed without deploying. */
public interface SyncUseCase {
    /**
     * Records the desired state of every pushed service, stops the components of inactive ones, starts the stopped
     * components of active ones and records unknown containers as {@code ignore}; never removes a container or a
     * registry entry. An invalid spec or a service pushed twice throws
     * {@link net.metacircular.mcp.domain.InvalidInputException} and changes nothing. Returns one result per pushed
     * service, per managed service the push lacks, and per discovered container.
     */
    List<ServiceSyncResult> sync(List<ServiceSpec> services);
}

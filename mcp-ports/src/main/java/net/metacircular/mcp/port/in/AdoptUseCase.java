package net.metacircular.mcp.port.in;

import java.util.List;
import net.metacircular.mcp.domain.AdoptResult;

/** The agent's AdoptContainer: groups existing containers into a service without touching them. */
public interface AdoptUseCase {
    /**
     * Adopts the containers named {@code service} and {@code service-*} (see {@link net.metacircular.mcp.domain.Adoption}),
     * recording each one's spec as the runtime reports it. Throws {@link net.metacircular.mcp.domain.NotFoundException}
     * when no container matches. Returns one result per matching container.
     */
    List<AdoptResult> adopt(String service);
}

package net.metacircular.mcp.port.in;

import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ServiceSpec;

/** The agent's Deploy: record a service's spec and replace the containers of the requested components. */
public interface DeployUseCase {
    /**
     * Deploys every component of {@code spec}, or only {@code component}. An invalid spec, or a component name
     * the spec lacks, throws {@link net.metacircular.mcp.domain.InvalidInputException} or
     * {@link net.metacircular.mcp.domain.NotFoundException} and changes nothing. Otherwise one result per
     * component is returned; a component whose spec and image are unchanged is left running unless {@code force}.
     */
    List<ComponentResult> deploy(ServiceSpec spec, Optional<String> component, boolean force);
}

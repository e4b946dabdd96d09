package net.metacircular.mcp.port.out;

import java.util.Optional;

/** The CLI's side of MCIAS: exchanges an account's credentials for a bearer token. */
public interface IdentityProvider {
    /**
     * Logs {@code username} in for {@code serviceName}. Throws {@link TotpRequiredException} when the account needs
     * a TOTP code and none (or none accepted) was given, {@link LoginRejectedException} when the credentials are
     * refused, and {@link AuthUnavailableException} when MCIAS cannot be asked.
     */
    IssuedToken login(String username, String password, Optional<String> totp, String serviceName);
}

package net.metacircular.mcp.port.out;

/** Asks the identity service (MCIAS) what a bearer token is worth. */
public interface TokenValidator {
    /**
     * Validates {@code token}. A token MCIAS rejects is a result with {@code valid = false}; an MCIAS that
     * cannot be reached, answers garbage or answers too late is an {@link AuthUnavailableException}.
     */
    TokenInfo validate(String token);
}

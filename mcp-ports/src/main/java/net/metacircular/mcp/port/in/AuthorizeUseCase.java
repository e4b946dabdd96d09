package net.metacircular.mcp.port.in;

/** Decides whether an RPC's {@code authorization} metadata admits the caller. */
public interface AuthorizeUseCase {
    /** The decision for the raw header value, which may be null when the caller sent none. */
    AuthDecision authorize(String authorizationHeader);

    /** What {@link #authorize} decided. */
    sealed interface AuthDecision {
        /** The caller's name for the audit line; {@code -} when unknown. */
        String caller();

        /** A valid token with the {@code admin} role. */
        record Allowed(String caller) implements AuthDecision {
        }

        /** No token, a malformed header, or a token MCIAS rejects or that has expired. */
        record Unauthenticated(String caller, String reason) implements AuthDecision {
        }

        /** A valid token without the {@code admin} role. */
        record Denied(String caller, String reason) implements AuthDecision {
        }

        /** MCIAS could not be asked; the call fails closed. */
        record Unavailable(String caller, String reason) implements AuthDecision {
        }
    }
}

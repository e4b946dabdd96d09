package net.metacircular.mcp.port.out;

import java.util.Optional;

/**
 * Where the CLI keeps the operator's token between commands: a file only its owner can read. A stored token that
 * others could read is refused with a {@link net.metacircular.mcp.domain.PreconditionException}.
 */
public interface TokenStore {
    /** The stored token; empty when none is stored. */
    Optional<IssuedToken> read();

    /** Replaces the stored token atomically, readable by its owner only. */
    void save(IssuedToken token);

    /** Removes the stored token; false when there was none. */
    boolean delete();

    /** Where the token is kept, for messages. */
    String location();
}

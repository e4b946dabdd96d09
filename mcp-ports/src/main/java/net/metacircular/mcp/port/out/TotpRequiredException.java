package net.metacircular.mcp.port.out;

/** MCIAS accepted nothing yet because the account also needs a TOTP code. */
public final class TotpRequiredException extends LoginRejectedException {
    private static final long serialVersionUID = 1L;

    public TotpRequiredException(String message) {
        super(message);
    }
}

package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.WireException;

/**
 * clamd answered with an error, an answer we do not understand, or not in time: the scan has no
 * verdict, so it must never turn into an empty (clean) result.
 */
public final class ClamdError extends WireException {
    private static final long serialVersionUID = 1L;

    public ClamdError(String message) {
        super(message);
    }

    public ClamdError(String message, Throwable cause) {
        super(message, cause);
    }
}

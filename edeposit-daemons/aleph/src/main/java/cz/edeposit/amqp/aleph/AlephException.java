package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.wire.WireException;

/**
 * The catalogue could not answer: X-Services reported an error, could not be reached, or answered
 * something unreadable. The root of the original's exception tree; clients see its simple name.
 */
public class AlephException extends WireException {
    private static final long serialVersionUID = 1L;

    public AlephException(String message) {
        super(message);
    }

    public AlephException(String message, Throwable cause) {
        super(message, cause);
    }
}

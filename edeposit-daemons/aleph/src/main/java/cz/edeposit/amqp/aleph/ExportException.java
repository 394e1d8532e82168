package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.wire.WireException;

/** The export of an e-publication to the catalogue failed; the root of the original export module's errors. */
public class ExportException extends WireException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}

package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.wire.WireException;

/** The package could not be written (a full disk, a lost permission): Python's IOError. */
final class IOError extends WireException {

    IOError(String message) {
        super(message);
    }

    IOError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}

package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.wire.WireException;

import java.io.IOException;

/** A file of the exchange could not be read or written (a full disk, a lost permission): Python's IOError. */
final class IOError extends WireException {

    IOError(IOException cause) {
        super("the exchange with Aleph failed: " + cause, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}

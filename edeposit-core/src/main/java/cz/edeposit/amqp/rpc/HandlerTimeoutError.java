package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.wire.WireException;

/** The exception reply to a request whose handler ran longer than the daemon's handler time-out. */
public final class HandlerTimeoutError extends WireException {

    HandlerTimeoutError(long seconds) {
        super("the handler did not finish within " + seconds + " s and was interrupted");
    }
}

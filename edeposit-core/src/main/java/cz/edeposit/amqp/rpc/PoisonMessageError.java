package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.wire.WireException;

/**
 * The exception reply to a request that was delivered more often than the attempt limit allows
 * without being answered: each time the daemon died on it or could not publish its reply. The
 * handler is not called again; the request is acked (and dead-lettered when an exchange is set).
 */
public final class PoisonMessageError extends WireException {

    PoisonMessageError(int attempt, int maxAttempts) {
        super("the request was delivered " + attempt + " times without being answered (the daemon stopped"
                + " or could not publish the reply each time); giving up after " + maxAttempts + " attempts");
    }
}

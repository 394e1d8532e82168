package cz.edeposit.amqp.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * amqp-client's exception handler for one connection, except that while the connection is being set
 * up a driver error (the socket the broker closed after refusing a password or a vhost) is logged at
 * debug only: the refusal itself becomes the operator's one line ({@link ConnectionFailures}), and
 * the client's {@code ForgivingExceptionHandler} warning before it would be noise.
 */
final class SetUpQuietHandler extends DefaultExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SetUpQuietHandler.class);

    private volatile boolean established;

    /** The connection is open: from now on driver errors are reported as amqp-client reports them. */
    void established() {
        established = true;
    }

    @Override
    public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
        if (established) {
            super.handleUnexpectedConnectionDriverException(connection, exception);
        } else {
            log.debug("connection driver error while connecting (the connection failure says why)", exception);
        }
    }
}

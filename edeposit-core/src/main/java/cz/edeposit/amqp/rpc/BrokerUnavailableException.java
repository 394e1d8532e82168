package cz.edeposit.amqp.rpc;

/** The broker could not be reached or refused us; the message is one line an operator can act on. */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message) {
        super(message);
    }
}

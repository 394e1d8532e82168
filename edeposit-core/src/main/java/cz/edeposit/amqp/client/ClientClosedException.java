package cz.edeposit.amqp.client;

/** The client was closed before the call got its final reply, or the call was made after close. */
public final class ClientClosedException extends RpcException {

    public ClientClosedException(String message) {
        super(message);
    }
}

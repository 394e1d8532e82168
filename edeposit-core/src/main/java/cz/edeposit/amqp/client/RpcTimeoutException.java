package cz.edeposit.amqp.client;

/** No final reply arrived within the call's time-out; a late reply will be logged and dropped. */
public final class RpcTimeoutException extends RpcException {

    public RpcTimeoutException(String message) {
        super(message);
    }
}

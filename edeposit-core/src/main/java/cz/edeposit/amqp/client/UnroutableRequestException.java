package cz.edeposit.amqp.client;

/**
 * The broker returned the request because no queue is bound to its routing key: nothing would ever
 * answer it. The message names the binding that is missing.
 */
public final class UnroutableRequestException extends RpcException {

    public UnroutableRequestException(String message) {
        super(message);
    }
}

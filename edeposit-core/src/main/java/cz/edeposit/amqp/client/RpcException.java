package cz.edeposit.amqp.client;

/**
 * A call that did not produce a reply: the base of every failure the {@link RpcClient} reports.
 *
 * <p>Unchecked, so that it travels through {@code CompletableFuture} stages unchanged; the message
 * is one line that names the host and what to do about it.
 */
public class RpcException extends RuntimeException {

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}

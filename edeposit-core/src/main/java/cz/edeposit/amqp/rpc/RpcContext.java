package cz.edeposit.amqp.rpc;

/** What a handler knows about the delivery it is working on, and its send-back channel. */
public interface RpcContext {

    /** The request's {@code UUID} header as text, for logs; the reply echoes the raw value. */
    String uuid();

    /** The routing key the request arrived with. */
    String routingKey();

    /** Whether the broker has delivered this request before (a repeat after a crash). */
    boolean redelivered();

    /**
     * Publishes {@code message} as a progress message: same exchange, key and {@code UUID} as the
     * final reply, and before it. Returns once the message is handed to the broker.
     */
    void progress(Object message) throws Exception;
}

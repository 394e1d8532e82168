package cz.edeposit.amqp.rpc;

/**
 * The one seam every daemon fills: turns a decoded request into the final reply.
 *
 * <p>The returned value is encoded and published as the final reply ({@code null} becomes the JSON
 * {@code null}); anything thrown becomes an exception reply whose {@code exception_name} is the
 * exception's wire name. Progress messages go out through {@link RpcContext#progress(Object)}.
 */
@FunctionalInterface
public interface RpcHandler {

    /** Handles one request; called on a worker thread, never on the connection's thread. */
    Object handle(Object request, RpcContext context) throws Exception;
}

package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.RpcHandler;

/**
 * Builds a daemon's handler at start-up, after settings are loaded; a missing tool or a bad module
 * setting fails here, before the daemon consumes anything.
 *
 * <p>Every daemon's is its handler's {@code static XxxHandler create(DaemonEnvironment)}, which
 * loads {@code XxxSettings}, makes the start-up checks and logs the start-up warnings (README,
 * "How to add a daemon").
 */
@FunctionalInterface
public interface HandlerFactory {

    RpcHandler create(DaemonEnvironment environment) throws Exception;
}

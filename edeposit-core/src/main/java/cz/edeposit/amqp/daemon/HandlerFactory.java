package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.RpcHandler;

/**
 * Builds a daemon's handler at start-up, after settings are loaded; a missing tool or a bad module
 * setting fails here, before the daemon consumes anything.
 */
@FunctionalInterface
public interface HandlerFactory {

    RpcHandler create(DaemonEnvironment environment) throws Exception;
}

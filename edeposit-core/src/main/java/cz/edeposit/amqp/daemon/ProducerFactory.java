package cz.edeposit.amqp.daemon;

/** Builds a producer daemon's {@link Producer} at start-up, after settings are loaded (as {@link HandlerFactory}). */
@FunctionalInterface
public interface ProducerFactory {
    Producer create(DaemonEnvironment environment) throws Exception;
}

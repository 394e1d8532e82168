package cz.edeposit.amqp.client;

/**
 * A request as the client publishes it. It is kept until the broker confirms it, or while the link
 * is down, so that it can be published (again, with the same UUID) once the link is back.
 */
record Outgoing(PendingCall<?> call, String routingKey, byte[] body) {
}

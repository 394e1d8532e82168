package cz.edeposit.amqp.rpc;

/** The broker lacks the vhost, exchange or queue a daemon needs; the message says how to create it. */
public final class SchemaMissingException extends RuntimeException {

    public SchemaMissingException(String message) {
        super(message);
    }

    static SchemaMissingException queue(String vhost, String queue, String host) {
        return new SchemaMissingException("queue '" + queue + "' does not exist in vhost '" + vhost
                + "'; create the schema with: edeposit-amqp-tool --host " + host + " --create");
    }

    static SchemaMissingException exchange(String vhost, String exchange, String host) {
        return new SchemaMissingException("exchange '" + exchange + "' does not exist in vhost '" + vhost
                + "'; create the schema with: edeposit-amqp-tool --host " + host + " --create");
    }

    static SchemaMissingException deadLetterExchange(String vhost, String exchange) {
        return new SchemaMissingException("dead-letter exchange '" + exchange + "' does not exist in vhost '" + vhost
                + "'; declare it (and bind a queue to it), or start without --dead-letter-exchange");
    }
}

package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/**
 * The benchmark's request and reply: the echo daemon decodes it and returns it, so the encoded
 * reply equals the request byte for byte, which is also what the raw worker sends back.
 */
public record BenchEcho(String payload) {

    /** The echo daemon's allow-list and the load client's reply types. */
    public static final TypeRegistry TYPES = TypeRegistry.of(MessageType.of(BenchEcho.class));
}

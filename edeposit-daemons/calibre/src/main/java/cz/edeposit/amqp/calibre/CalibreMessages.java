package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/**
 * The calibre structures on the wire and the daemon's decode allow-list: the one request the
 * original handled, {@link ConversionRequest}, answered by {@link ConversionResponse} (each a
 * record in its own file).
 */
public final class CalibreMessages {

    /** The decode allow-list: the one request the original handled. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(MessageType.of(ConversionRequest.class));

    private CalibreMessages() {
    }
}

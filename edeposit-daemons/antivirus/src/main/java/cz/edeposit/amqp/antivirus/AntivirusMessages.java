package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/**
 * The antivirus structures on the wire and the daemon's decode allow-list: the requests
 * {@link ScanFile} and {@link UpdateDatabase}, answered by {@link ScanResult} and
 * {@link DatabaseUpdated} (each a record in its own file, as the original's modules had them).
 */
public final class AntivirusMessages {

    /** The decode allow-list: the two requests, nothing else. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(ScanFile.class), MessageType.of(UpdateDatabase.class));

    private AntivirusMessages() {
    }
}

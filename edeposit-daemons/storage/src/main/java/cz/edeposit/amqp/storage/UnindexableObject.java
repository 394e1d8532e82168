package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.wire.WireException;

/** The original's {@code UnindexableObject}: a record with no field to find it by. */
final class UnindexableObject extends WireException {

    UnindexableObject(String message) {
        super(message);
    }
}

package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.wire.WireException;

/** The original's {@code HNASNotMountedException}: the storage volume's indicator file is missing. */
final class HNASNotMountedException extends WireException {

    HNASNotMountedException(String message) {
        super(message);
    }
}

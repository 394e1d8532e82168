package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** python-requests' name for a URL that cannot be parsed or names no host. */
final class InvalidURL extends WireException {

    InvalidURL(String message) {
        super(message);
    }

    InvalidURL(String message, Throwable cause) {
        super(message, cause);
    }
}

package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** python-requests' name for a network failure: refused, unresolved, reset, timed out or TLS; the text says which and for which URL. */
final class ConnectionError extends WireException {

    ConnectionError(String message) {
        super(message);
    }

    ConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}

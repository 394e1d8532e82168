package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** python-requests' name for a URL whose scheme is not http or https (file:, ftp:, jar: ...), which the downloader refuses. */
final class InvalidSchema extends WireException {

    InvalidSchema(String message) {
        super(message);
    }
}

package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** python-requests' name for a URL without a scheme, such as {@code example.com/a.pdf}. */
final class MissingSchema extends WireException {

    MissingSchema(String message) {
        super(message);
    }
}

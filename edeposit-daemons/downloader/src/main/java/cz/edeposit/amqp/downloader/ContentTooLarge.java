package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** The body is larger than DOWNLOADER_MAX_SIZE, announced by Content-Length or found while streaming. */
final class ContentTooLarge extends WireException {

    ContentTooLarge(String message) {
        super(message);
    }
}

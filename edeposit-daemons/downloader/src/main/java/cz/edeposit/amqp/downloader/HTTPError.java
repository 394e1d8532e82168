package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.WireException;

/** python-requests' name for an error status (4xx, 5xx) of the final response; the text gives the status and the URL. */
final class HTTPError extends WireException {

    HTTPError(String message) {
        super(message);
    }
}

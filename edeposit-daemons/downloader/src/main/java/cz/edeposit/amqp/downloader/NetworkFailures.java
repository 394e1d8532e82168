package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.Deadline;
import cz.edeposit.amqp.net.HttpFailure;
import cz.edeposit.amqp.net.HttpUris;

import java.net.URI;
import java.net.UnknownHostException;

/**
 * Says in words what went wrong on the network, for the {@code ConnectionError} reply: which step
 * failed, with the setting that bounds it. Nothing a server sent is ever quoted ({@link HttpFailure}
 * never does), and URLs are shown without their user and password ({@link UrlPolicy#safe}).
 */
final class NetworkFailures {

    private final DownloaderSettings limits;

    NetworkFailures(DownloaderSettings limits) {
        this.limits = limits;
    }

    ConnectionError unknownHost(URI uri, UnknownHostException error) {
        return failure(uri, "unknown host '" + UrlPolicy.shorten(HttpUris.bare(uri.getHost())) + "'", error);
    }

    /** A failed step of the exchange; a time-out names its setting, or the total one once the deadline has passed. */
    ConnectionError of(URI uri, HttpFailure error, Deadline deadline) {
        if (error.kind() != HttpFailure.Kind.TIMED_OUT) {
            return failure(uri, error.getMessage(), error.getCause());
        }
        if (deadline.passed()) {
            return failure(uri, "the download took longer than " + Durations.text(limits.totalTimeout())
                    + " (DOWNLOADER_TOTAL_TIMEOUT)", error.getCause());
        }
        String connect = " timed out after " + Durations.text(limits.connectTimeout()) + " (DOWNLOADER_CONNECT_TIMEOUT)";
        String read = "read timed out after " + Durations.text(limits.readTimeout()) + " (DOWNLOADER_READ_TIMEOUT): ";
        return failure(uri, switch (error.step()) {
            case CONNECT -> "connecting to " + hostPort(uri) + connect;
            case HANDSHAKE -> "the TLS handshake with " + hostPort(uri) + connect;
            case RESPONSE -> read + "request timed out";
            case BODY -> read + "the body stopped arriving";
        }, error.getCause());
    }

    private static ConnectionError failure(URI uri, String what, Throwable cause) {
        return new ConnectionError(what + " for url: " + UrlPolicy.safe(uri), cause);
    }

    private static String hostPort(URI uri) {
        return UrlPolicy.shorten(uri.getHost()) + ":" + HttpUris.port(uri);
    }
}

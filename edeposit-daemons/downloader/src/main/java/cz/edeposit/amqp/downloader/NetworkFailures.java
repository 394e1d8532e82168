package cz.edeposit.amqp.downloader;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Says in words what went wrong on the network, for the {@code ConnectionError} reply: which step
 * failed, with the setting that bounds it. Nothing a server sent is ever quoted (a non-HTTP
 * service's first line would tell what listens on a port), and URLs are shown without their user
 * and password ({@link UrlPolicy#safe}).
 */
final class NetworkFailures {

    private final DownloaderSettings limits;

    NetworkFailures(DownloaderSettings limits) {
        this.limits = limits;
    }

    ConnectionError unknownHost(URI uri, UnknownHostException error) {
        return failure(uri, "unknown host '" + UrlPolicy.shorten(Destinations.bare(uri.getHost())) + "'", error);
    }

    ConnectionError connecting(URI uri, IOException error, Deadline deadline) {
        if (error instanceof SocketTimeoutException) {
            return timeout(uri, deadline, "connecting to " + hostPort(uri) + " timed out after "
                    + Durations.text(limits.connectTimeout()) + " (DOWNLOADER_CONNECT_TIMEOUT)", error);
        }
        String why = error instanceof ConnectException ? "connection refused"
                : error instanceof NoRouteToHostException ? "no route to host" : "the connection failed";
        return failure(uri, "cannot connect to " + hostPort(uri) + ": " + why, error);
    }

    ConnectionError handshake(URI uri, IOException error, Deadline deadline) {
        if (error instanceof SocketTimeoutException) {
            return timeout(uri, deadline, "the TLS handshake with " + hostPort(uri) + " timed out after "
                    + Durations.text(limits.connectTimeout()) + " (DOWNLOADER_CONNECT_TIMEOUT)", error);
        }
        if (error instanceof SSLException) {
            // The JDK's own words (certificate, protocol), never bytes the server sent.
            return failure(uri, "TLS failure with " + hostPort(uri) + ": " + text(error), error);
        }
        return other(uri, error);
    }

    /** While waiting for the status line and headers. */
    ConnectionError waiting(URI uri, IOException error, Deadline deadline) {
        if (error instanceof SocketTimeoutException) {
            return timeout(uri, deadline, "read timed out after " + Durations.text(limits.readTimeout())
                    + " (DOWNLOADER_READ_TIMEOUT): request timed out", error);
        }
        return other(uri, error);
    }

    /** While reading the body. */
    ConnectionError reading(URI uri, IOException error, Deadline deadline) {
        if (error instanceof SocketTimeoutException) {
            return timeout(uri, deadline, "read timed out after " + Durations.text(limits.readTimeout())
                    + " (DOWNLOADER_READ_TIMEOUT): the body stopped arriving", error);
        }
        return other(uri, error);
    }

    ConnectionError notHttp(URI uri) {
        return failure(uri, "the server did not answer HTTP", null);
    }

    ConnectionError closedWithoutAnswer(URI uri) {
        return failure(uri, "the server closed the connection without answering", null);
    }

    ConnectionError headersTooLarge(URI uri) {
        return failure(uri, "the server sent more than " + HttpExchange.MAX_HEADERS / 1024 + " KiB of headers", null);
    }

    ConnectionError other(URI uri, IOException error) {
        return failure(uri, "network failure with " + hostPort(uri) + ": " + text(error), error);
    }

    private ConnectionError timeout(URI uri, Deadline deadline, String step, IOException error) {
        if (deadline.passed()) {
            return failure(uri, "the download took longer than " + Durations.text(limits.totalTimeout())
                    + " (DOWNLOADER_TOTAL_TIMEOUT)", error);
        }
        return failure(uri, step, error);
    }

    private static ConnectionError failure(URI uri, String what, Throwable cause) {
        return new ConnectionError(what + " for url: " + UrlPolicy.safe(uri), cause);
    }

    /**
     * Turns the failure of a blocking step that an interrupt ended (the handler time-out) into the
     * {@link InterruptedException} the worker expects.
     */
    static void throwIfInterrupted(IOException error) throws InterruptedException {
        if (error instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            InterruptedException interrupted = new InterruptedException("the download was interrupted");
            interrupted.initCause(error);
            throw interrupted;
        }
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String hostPort(URI uri) {
        return UrlPolicy.shorten(uri.getHost()) + ":" + port(uri);
    }

    private static String text(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }
}

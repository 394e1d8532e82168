package cz.edeposit.amqp.downloader;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Says in words what went wrong on the network: java.net.http often throws exceptions without a
 * message (a refused connection is a bare {@link ConnectException}), which would make a useless reply.
 */
final class NetworkFailures {

    private final DownloaderSettings limits;

    NetworkFailures(DownloaderSettings limits) {
        this.limits = limits;
    }

    ConnectionError describe(URI uri, IOException error) {
        return new ConnectionError(what(uri, error) + " for url: " + uri, error);
    }

    private String what(URI uri, IOException error) {
        String hostPort = uri.getHost() + ":" + port(uri);
        if (error instanceof HttpConnectTimeoutException) {
            return "connecting to " + hostPort + " timed out after " + Durations.text(limits.connectTimeout())
                    + " (DOWNLOADER_CONNECT_TIMEOUT)";
        }
        if (error instanceof HttpTimeoutException) {
            return "read timed out after " + Durations.text(limits.readTimeout()) + " (DOWNLOADER_READ_TIMEOUT): "
                    + text(error);
        }
        if (causedBy(error, UnresolvedAddressException.class) || causedBy(error, UnknownHostException.class)) {
            return "unknown host '" + uri.getHost() + "'";
        }
        if (error instanceof ConnectException) {
            return "cannot connect to " + hostPort + ": " + (error.getMessage() == null ? "connection refused" : error.getMessage());
        }
        if (causedBy(error, SSLException.class)) {
            return "TLS failure with " + hostPort + ": " + text(error);
        }
        return "network failure with " + hostPort + ": " + text(error);
    }

    private static String text(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

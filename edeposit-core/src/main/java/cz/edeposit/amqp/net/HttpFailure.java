package cz.edeposit.amqp.net;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;

/**
 * A failed step of a {@link PinnedHttp} exchange, with what went wrong, so that each daemon can word it with its own
 * settings. The message never quotes what a server sent (a non-HTTP service's first line would tell what listens on
 * a port) and names the host and port, never the URL (which may carry a user and password).
 */
public final class HttpFailure extends IOException {

    /** Where the exchange failed. */
    public enum Step { CONNECT, HANDSHAKE, RESPONSE, BODY }

    /** What went wrong. */
    public enum Kind { TIMED_OUT, REFUSED, NO_ROUTE, TLS, NOT_HTTP, NO_ANSWER, HEAD_TOO_LARGE, OTHER }

    private final Step step;
    private final Kind kind;

    HttpFailure(Step step, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.kind = kind;
    }

    public Step step() {
        return step;
    }

    public Kind kind() {
        return kind;
    }

    /** A failure that the server's answer itself shows ({@link Kind#NOT_HTTP} and the like), with no exception behind it. */
    static HttpFailure answer(Kind kind) {
        String text = switch (kind) {
            case NOT_HTTP -> "the server did not answer HTTP";
            case NO_ANSWER -> "the server closed the connection without answering";
            case HEAD_TOO_LARGE -> "the server sent more than " + ResponseHead.MAX_HEAD / 1024 + " KiB of headers";
            default -> throw new IllegalArgumentException(kind.name());
        };
        return new HttpFailure(Step.RESPONSE, kind, text, null);
    }

    /**
     * {@code error} of {@code step} with {@code uri}'s host, classified.
     *
     * @throws InterruptedException when an interrupt of the thread ended the step (a handler time-out)
     */
    static HttpFailure of(Step step, URI uri, IOException error) throws InterruptedException {
        throwIfInterrupted(error);
        String at = uri.getHost() + ":" + HttpUris.port(uri);
        if (error instanceof SocketTimeoutException) {
            return new HttpFailure(step, Kind.TIMED_OUT, switch (step) {
                case CONNECT -> "connecting to " + at + " timed out";
                case HANDSHAKE -> "the TLS handshake with " + at + " timed out";
                case RESPONSE -> "read timed out waiting for the answer of " + at;
                case BODY -> "read timed out: the body from " + at + " stopped arriving";
            }, error);
        }
        if (step == Step.CONNECT) {
            Kind kind = error instanceof ConnectException ? Kind.REFUSED
                    : error instanceof NoRouteToHostException ? Kind.NO_ROUTE : Kind.OTHER;
            String why = kind == Kind.REFUSED ? "connection refused"
                    : kind == Kind.NO_ROUTE ? "no route to host" : "the connection failed";
            return new HttpFailure(step, kind, "cannot connect to " + at + ": " + why, error);
        }
        if (step == Step.HANDSHAKE && error instanceof SSLException) {
            // The JDK's own words (certificate, protocol), never bytes the server sent.
            return new HttpFailure(step, Kind.TLS, "TLS failure with " + at + ": " + text(error), error);
        }
        return new HttpFailure(step, Kind.OTHER, "network failure with " + at + ": " + text(error), error);
    }

    /** Turns an I/O failure that an interrupt caused into the {@link InterruptedException} a worker expects. */
    static void throwIfInterrupted(IOException error) throws InterruptedException {
        if (error instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            InterruptedException interrupted = new InterruptedException("the fetch was interrupted");
            interrupted.initCause(error);
            throw interrupted;
        }
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

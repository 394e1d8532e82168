package cz.edeposit.amqp.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** The answer of a {@link PinnedHttp} exchange: status and headers read, the body still on the connection; close it. */
public final class HttpResponse implements AutoCloseable {

    private static final int PIECE = 64 * 1024;

    private final URI uri;
    private final Socket socket;
    private final InputStream in;
    private final String method;
    private final ResponseHead head;

    HttpResponse(URI uri, Socket socket, InputStream in, String method, ResponseHead head) {
        this.uri = uri;
        this.socket = socket;
        this.in = in;
        this.method = method;
        this.head = head;
    }

    /** Told each piece of a body as it arrives, with the bytes so far; may stop the copy by throwing. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void accept(byte[] piece, int length, long total) throws E;
    }

    public int status() {
        return head.status();
    }

    /** The headers by name, case-insensitively (names in lower case); a repeated header's values in order. */
    public Map<String, List<String>> headers() {
        return head.headers();
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(head.header(name));
    }

    /** The announced Content-Length, or -1 when there is none, it is not a number, or the body is chunked. */
    public long contentLength() {
        String text = head.header("Content-Length");
        if (text == null || head.header("Transfer-Encoding") != null) {
            return -1;
        }
        try {
            long length = Long.parseLong(text.strip());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The body as the server framed it (a length, chunks, or until the connection closes); none for HEAD, 204 and
     * 304. Its read failures are raw I/O exceptions; {@link #copyBody} classifies them.
     */
    public InputStream body() {
        if (method.equals("HEAD") || status() == 204 || status() == 304) {
            return InputStream.nullInputStream();
        }
        String coding = head.header("Transfer-Encoding");
        if (coding != null) {
            String[] codings = coding.split(",");
            return codings[codings.length - 1].strip().equalsIgnoreCase("chunked") ? new ChunkedInput(in) : in;
        }
        long length = contentLength();
        return length >= 0 ? new FixedLengthInput(in, length) : in;
    }

    /**
     * Streams the body into {@code sink} piece by piece and returns its size: refused unread when its Content-Length
     * is over {@code max}, stopped as soon as it grows over {@code max}. With {@code gunzip} a gzip
     * Content-Encoding is decoded and {@code max} counts the decoded bytes.
     *
     * @throws BodyTooLarge         when the body is larger than {@code max}
     * @throws HttpFailure          when reading fails ({@link HttpFailure.Step#BODY})
     * @throws InterruptedException when an interrupt of the thread ended a read
     */
    public <E extends Exception> long copyBody(boolean gunzip, long max, Sink<E> sink)
            throws IOException, InterruptedException, E {
        long announced = contentLength();
        if (announced > max) {
            throw new BodyTooLarge(announced, max);
        }
        boolean gzip = gunzip && header("Content-Encoding").map(e -> e.toLowerCase(Locale.ROOT).contains("gzip"))
                .orElse(false);
        InputStream body;
        try {
            body = gzip ? new GZIPInputStream(body(), PIECE) : body(); // GZIPInputStream reads the gzip header
        } catch (IOException e) {
            throw HttpFailure.of(HttpFailure.Step.BODY, uri, e);
        }
        byte[] piece = new byte[PIECE];
        long total = 0;
        while (true) {
            int count;
            try {
                count = body.read(piece, 0, piece.length);
            } catch (IOException e) {
                throw HttpFailure.of(HttpFailure.Step.BODY, uri, e);
            }
            if (count < 0) {
                return total;
            }
            if (total + count > max) {
                throw new BodyTooLarge(-1, max);
            }
            total += count;
            sink.accept(piece, count, total);
        }
    }

    /** Closes the connection. */
    @Override
    public void close() {
        PinnedHttp.closeQuietly(socket);
    }
}

package cz.edeposit.amqp.downloader;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The framing of HTTP/1.1 messages: lines of the head, bodies of a known length, and chunked bodies. */
final class HttpBodies {

    private HttpBodies() {
    }

    /** A line longer than the limit: not something an HTTP server sends. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("line too long");
        }
    }

    /**
     * One line without its CRLF (or bare LF), as ISO-8859-1 text; null at the end of the stream
     * before any byte.
     */
    static String line(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed in the middle of a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= max) {
                throw new LineTooLong();
            }
            line.write(b);
        }
    }

    /** A body of a Content-Length: ends there; a connection that closes sooner is an error. */
    static final class Fixed extends InputStream {
        private final InputStream in;
        private long left;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body (RFC 9112, section 7.1): sizes in hex, extensions and trailers ignored. */
    static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                left = nextSize();
                if (left == 0) {
                    while (!required(line(in, HttpExchange.MAX_LINE)).isEmpty()) {
                        // trailer fields: not used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            left -= n;
            if (left == 0 && !required(line(in, HttpExchange.MAX_LINE)).isEmpty()) {
                throw new IOException("invalid chunked encoding: no line end after a chunk");
            }
            return n;
        }

        private long nextSize() throws IOException {
            String line = required(line(in, HttpExchange.MAX_LINE));
            int end = line.indexOf(';');
            String hex = (end < 0 ? line : line.substring(0, end)).strip();
            try {
                if (hex.length() > 15 || !hex.matches("[0-9A-Fa-f]+")) {
                    throw new NumberFormatException(hex);
                }
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("invalid chunked encoding: a chunk size that is not a hexadecimal number");
            }
        }

        private static String required(String line) throws EOFException {
            if (line == null) {
                throw new EOFException("the connection closed in the middle of a chunked body");
            }
            return line;
        }
    }
}

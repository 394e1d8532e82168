package cz.edeposit.amqp.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The lines of an HTTP/1.1 head and of a chunked body's framing. */
final class HttpLines {

    /** The longest status, header or chunk line: more is not an answer worth reading. */
    static final int MAX_LINE = 8 * 1024;

    private HttpLines() {
    }

    /** A line longer than {@link #MAX_LINE}: not something an HTTP server sends. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("a line longer than " + MAX_LINE + " bytes");
        }
    }

    /**
     * One line without its CRLF (or bare LF), as ISO-8859-1 text; null at the end of the stream before any byte.
     *
     * @throws EOFException when the stream ends in the middle of a line
     * @throws LineTooLong  when the line is longer than {@link #MAX_LINE}
     */
    static String line(InputStream in) throws IOException {
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
            if (line.size() >= MAX_LINE) {
                throw new LineTooLong();
            }
            line.write(b);
        }
    }
}

package cz.edeposit.amqp.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * A chunked body (RFC 9112, section 7.1): the chunks' data to the last chunk; sizes in hex (at most 15 digits, no
 * sign), extensions and trailers ignored, every line at most {@link HttpLines#MAX_LINE} bytes.
 */
final class ChunkedInput extends BodyInput {

    private static final Pattern SIZE = Pattern.compile("[0-9A-Fa-f]{1,15}");

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            left = nextSize();
            if (left == 0) {
                while (!required(HttpLines.line(in)).isEmpty()) {
                    // trailer fields: not used
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("the connection closed in the middle of a chunk");
        }
        left -= n;
        if (left == 0 && !required(HttpLines.line(in)).isEmpty()) {
            throw new IOException("invalid chunked encoding: no line end after a chunk");
        }
        return n;
    }

    private long nextSize() throws IOException {
        String line = required(HttpLines.line(in));
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        if (!SIZE.matcher(hex).matches()) {
            throw new IOException("invalid chunked encoding: a chunk size that is not a hexadecimal number");
        }
        return Long.parseLong(hex, 16);
    }

    private static String required(String line) throws EOFException {
        if (line == null) {
            throw new EOFException("the connection closed in the middle of a chunked body");
        }
        return line;
    }
}

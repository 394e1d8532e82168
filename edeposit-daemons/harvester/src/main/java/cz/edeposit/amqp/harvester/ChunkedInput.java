package cz.edeposit.amqp.harvester;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** An HTTP/1.1 chunked body (RFC 9112, 7.1): the chunks' data, to the last chunk; trailers are skipped. */
final class ChunkedInput extends InputStream {

    private static final int MAX_LINE = 8 << 10;

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = line();
            int semicolon = size.indexOf(';');
            try {
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("a malformed chunk size in a chunked body");
            }
            if (left < 0) {
                throw new IOException("a malformed chunk size in a chunked body");
            }
            if (left == 0) {
                while (!line().isEmpty()) {
                    // a trailer field: not used
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
        if (left == 0 && !line().isEmpty()) {
            throw new IOException("a chunk longer than its size in a chunked body");
        }
        return n;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the connection closed in a chunked body");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a chunk line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}

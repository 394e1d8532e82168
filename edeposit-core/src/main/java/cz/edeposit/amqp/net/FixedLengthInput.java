package cz.edeposit.amqp.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of a known length ({@code Content-Length}): that many bytes, and an error when the connection ends sooner. */
final class FixedLengthInput extends BodyInput {

    private final InputStream in;
    private long left;

    FixedLengthInput(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("the connection closed " + left + " bytes before the end of the body");
        }
        left -= n;
        return n;
    }
}

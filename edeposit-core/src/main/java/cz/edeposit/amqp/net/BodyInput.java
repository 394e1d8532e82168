package cz.edeposit.amqp.net;

import java.io.IOException;
import java.io.InputStream;

/** A body's framing over the connection: one byte is read as a piece of one, so each framing writes only that. */
abstract class BodyInput extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}

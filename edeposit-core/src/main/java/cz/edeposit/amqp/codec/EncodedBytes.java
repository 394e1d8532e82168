package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.TypeError;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where the encoder writes a message: kept in a growing buffer while it is small, only counted
 * once it is not, so that a big message is written a second time straight into an array of its
 * exact size. A reply with a document in it then needs the document's text and the body, and no
 * growing buffer, builder or copy besides.
 */
final class EncodedBytes extends OutputStream {

    /** Up to this size a message is kept on the first pass; beyond it, it is encoded twice. */
    static final int KEPT = 1024 * 1024;

    private final long keep;
    private byte[] buffer;
    private long count;

    private EncodedBytes(long keep, byte[] buffer) {
        this.keep = keep;
        this.buffer = buffer;
    }

    /**
     * A first pass: keeps the bytes up to {@code keep} of them, then only counts. It starts empty:
     * Jackson hands over a small message in one write at the end, which then gets an array of its
     * exact size, returned without a copy.
     */
    static EncodedBytes firstPass(int keep) {
        return new EncodedBytes(keep, new byte[0]);
    }

    /** A second pass into an array of {@code size} bytes, the count of the first pass. */
    static EncodedBytes exactly(long size) {
        return new EncodedBytes(Long.MAX_VALUE, new byte[checkedSize(size)]);
    }

    /** Whether all bytes were kept; otherwise only {@link #count()} is known. */
    boolean kept() {
        return buffer != null;
    }

    long count() {
        return count;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1); // Jackson writes whole buffers, never single bytes
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        long end = count + length;
        if (buffer != null && end > keep) {
            buffer = null;
        }
        if (buffer != null) {
            if (end > buffer.length) {
                // Grows only on the first pass, or if the value changed between the passes.
                buffer = Arrays.copyOf(buffer, checkedSize(Math.min(keep, Math.max(end, 2L * buffer.length))));
            }
            System.arraycopy(bytes, offset, buffer, (int) count, length);
        }
        count = end;
    }

    /** The bytes written, without a copy when the buffer has their exact size. */
    byte[] toByteArray() {
        if (buffer == null) {
            throw new IllegalStateException("the bytes were counted, not kept");
        }
        return buffer.length == count ? buffer : Arrays.copyOf(buffer, (int) count);
    }

    private static int checkedSize(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new TypeError("value encodes to more than 2 GiB of JSON");
        }
        return (int) size;
    }
}

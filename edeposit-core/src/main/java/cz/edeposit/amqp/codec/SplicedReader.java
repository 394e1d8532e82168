package cz.edeposit.amqp.codec;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A body's text as the parser reads it, decoded from its UTF-8 a buffer at a time (never as a
 * whole), with each of its long strings replaced by a short placeholder string that
 * {@link LongStringParser} turns back into the real value. Runs of ASCII (all of a body our
 * encoders wrote) are copied as they are, without a decoder.
 */
final class SplicedReader extends Reader {

    private final byte[] body;
    private final LongStrings longStrings;
    private final String prefix;
    private CharsetDecoder utf8; // made for the first non-ASCII byte only
    private int position;
    private int next;
    private String pending = "";
    private int pendingAt;

    SplicedReader(byte[] body, LongStrings longStrings, String prefix) {
        this.body = body;
        this.longStrings = longStrings;
        this.prefix = prefix;
    }

    /** The JSON string that stands for the {@code index}th long string. */
    static String placeholder(String prefix, int index) {
        return prefix + index;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (pendingAt < pending.length()) {
                int n = Math.min(length, pending.length() - pendingAt);
                pending.getChars(pendingAt, pendingAt + n, buffer, offset);
                pendingAt += n;
                return n;
            }
            int end = next < longStrings.count() ? longStrings.start(next) : body.length;
            if (position < end) {
                int n = copyAscii(end, buffer, offset, length);
                if (n > 0) {
                    return n;
                }
                n = decode(end, CharBuffer.wrap(buffer, offset, length));
                if (n > 0) {
                    return n;
                }
                // No room for a surrogate pair: hand it out one unit at a time.
                CharBuffer pair = CharBuffer.allocate(2);
                decode(end, pair);
                pending = pair.flip().toString();
                pendingAt = 0;
            } else if (next < longStrings.count()) {
                pending = '"' + placeholder(prefix, next) + '"';
                pendingAt = 0;
                position = longStrings.end(next);
                next++;
            } else {
                return -1;
            }
        }
    }

    /** Copies the ASCII bytes from {@link #position} on as they are (their UTF-8 decoding); 0 at a non-ASCII byte. */
    private int copyAscii(int end, char[] buffer, int offset, int length) {
        int limit = Math.min(end, position + length);
        int start = position;
        while (position < limit && body[position] >= 0) {
            buffer[offset + position - start] = (char) body[position];
            position++;
        }
        return position - start;
    }

    // A long string starts at a quote, so a piece between them never splits a UTF-8 sequence.
    private int decode(int end, CharBuffer out) throws IOException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        int before = out.position();
        ByteBuffer in = ByteBuffer.wrap(body, position, end - position);
        CoderResult result = utf8.reset().decode(in, out, true);
        if (result.isError()) {
            result.throwException(); // not after the check of the whole body, but never silently
        }
        position = in.position();
        return out.position() - before;
    }

    @Override
    public void close() {
        // Nothing to release: the body belongs to the caller.
    }
}

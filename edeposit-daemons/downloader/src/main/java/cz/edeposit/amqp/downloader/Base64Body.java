package cz.edeposit.amqp.downloader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A body's base64, made while the body streams in: each piece of the text is encoded as soon as
 * its bytes have arrived, and the bytes are dropped; the pieces are joined once at the end into a
 * string of exactly the text's size ({@code String.join} allocates it once). A download then needs
 * its text twice at most, and never its raw bytes beside them: 8/3 of its size instead of 11/3 for
 * the bytes, the encoded bytes and their string.
 */
final class Base64Body {

    /** A multiple of 3, so that only the last piece can carry padding. */
    private static final int CHUNK = 48 * 1024;

    private final Base64.Encoder encoder = Base64.getEncoder();
    private final List<String> pieces = new ArrayList<>();
    private final byte[] chunk = new byte[CHUNK];
    private int filled;
    private long size;

    /** Takes all remaining bytes of {@code buffer}. */
    void add(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            int n = Math.min(buffer.remaining(), CHUNK - filled);
            buffer.get(chunk, filled, n);
            filled += n;
            size += n;
            if (filled == CHUNK) {
                pieces.add(encoded(chunk, CHUNK));
                filled = 0;
            }
        }
    }

    /** The bytes added so far. */
    long size() {
        return size;
    }

    /** The base64 of all bytes added, padded, without line breaks. */
    String text() {
        if (filled > 0) {
            pieces.add(encoded(chunk, filled));
            filled = 0;
        }
        String text = String.join("", pieces);
        pieces.clear();
        pieces.add(text); // asked again, the same text
        return text;
    }

    private String encoded(byte[] bytes, int length) {
        byte[] text = encoder.encode(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}

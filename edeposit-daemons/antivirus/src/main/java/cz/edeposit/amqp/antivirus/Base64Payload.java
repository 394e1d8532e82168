package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.ValueError;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * The {@code b64_data} of a request, checked in one pass before anything reaches clamd, then
 * decoded as a stream: the decoded file is never held in memory as a whole.
 *
 * <p>Accepted: the standard base64 alphabet, line breaks and blanks anywhere (MIME and Python
 * producers wrap at 76 or 80 columns), and {@code =} padding at the end, which may be omitted.
 * Anything else is a {@link ValueError}, because a lenient decoder would silently scan other bytes
 * than the publisher sent.
 */
final class Base64Payload {

    private static final byte INVALID = 0;
    private static final byte SYMBOL = 1;
    private static final byte BLANK = 2;
    private static final byte PAD = 3;
    /** The kind of every ASCII character; a table, because this loop runs over every character of a file. */
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            CLASSES[c] = SYMBOL;
        }
        for (char c : " \t\r\n".toCharArray()) {
            CLASSES[c] = BLANK;
        }
        CLASSES['='] = PAD;
    }

    private final String text;
    private final long size;

    private Base64Payload(String text, long size) {
        this.text = text;
        this.size = size;
    }

    /** Checks {@code text} and works out the exact decoded size. */
    static Base64Payload of(String text) {
        long symbols = 0;
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            byte kind = c < CLASSES.length ? CLASSES[c] : INVALID;
            if (kind == SYMBOL) {
                if (padding > 0) {
                    throw invalid("data follows the '=' padding at position " + i);
                }
                symbols++;
            } else if (kind == PAD) {
                padding++;
            } else if (kind == INVALID) {
                throw invalid(String.format("character '%s' (U+%04X) at position %d is not allowed;"
                        + " only A-Z, a-z, 0-9, '+', '/', line breaks and '=' padding at the end are", c, (int) c, i));
            }
        }
        long tail = symbols % 4;
        if (tail == 1) {
            throw invalid(symbols + " base64 characters leave one character over; the data is cut or damaged");
        }
        if (padding > 0 && (tail == 0 || tail + padding != 4)) {
            throw invalid(padding + " '=' padding characters do not fit " + symbols + " base64 characters");
        }
        return new Base64Payload(text, symbols / 4 * 3 + (tail == 0 ? 0 : tail - 1));
    }

    /** The number of bytes the data decodes to. */
    long size() {
        return size;
    }

    /** A fresh stream of the decoded bytes. */
    InputStream open() {
        return new DecodingStream(text);
    }


    private static ValueError invalid(String why) {
        return new ValueError("b64_data is not valid base64: " + why);
    }

    /**
     * Decodes an already checked text a block at a time: the blanks and line breaks are dropped
     * while copying a block of 4n characters, which the array decoder then decodes. (Wrapping the
     * text in {@code Base64.getMimeDecoder().wrap(...)} does the same a byte at a time, measured
     * five to ten times slower.)
     */
    private static final class DecodingStream extends InputStream {
        private static final int BLOCK = 64 * 1024;

        private final String text;
        private final byte[] encoded = new byte[BLOCK];
        private byte[] decoded = new byte[0];
        private int position;
        private int next;

        DecodingStream(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            return fill() ? decoded[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int count = Math.min(length, decoded.length - next);
            System.arraycopy(decoded, next, buffer, offset, count);
            next += count;
            return count;
        }

        // Padding can only end the text, so every full block holds whole 4-character groups.
        private boolean fill() {
            while (next == decoded.length) {
                int count = 0;
                while (count < BLOCK && position < text.length()) {
                    char c = text.charAt(position++);
                    if (c > ' ') {
                        encoded[count++] = (byte) c;
                    }
                }
                if (count == 0) {
                    return false;
                }
                decoded = Base64.getDecoder().decode(count == BLOCK ? encoded : Arrays.copyOf(encoded, count));
                next = 0;
            }
            return true;
        }
    }
}

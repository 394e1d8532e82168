package cz.edeposit.amqp.ltp;

import java.io.IOException;
import java.io.InputStream;

/**
 * The ASCII bytes of a base64 text, read straight from its string (no copy of the text), without
 * the line breaks of MIME base64; any other character outside the alphabet is an error, where
 * Java's MIME decoder would skip it and accept garbage.
 */
final class Base64Text extends InputStream {

    private final CharSequence text;
    private int position;

    Base64Text(CharSequence text) {
        this.text = text;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = 0;
        while (n < length && position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (!isAlphabet(c)) {
                throw new NotBase64("character " + (position - 1) + " is not base64 ("
                        + (c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'") + ")");
            }
            buffer[offset + n++] = (byte) c;
        }
        return n == 0 && length > 0 ? -1 : n;
    }

    private static boolean isAlphabet(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    /** The text is not base64: told apart from a failure to write the file. */
    static final class NotBase64 extends IOException {
        private static final long serialVersionUID = 1L;

        NotBase64(String message) {
            super(message);
        }
    }
}

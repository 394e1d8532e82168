package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.codec.ValueError;

import java.io.InputStream;
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
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == '=') {
                padding++;
            } else if (isAlphabet(c)) {
                if (padding > 0) {
                    throw invalid("data follows the '=' padding at position " + i);
                }
                symbols++;
            } else {
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
        return Base64.getMimeDecoder().wrap(new AsciiStream(text));
    }

    private static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static ValueError invalid(String why) {
        return new ValueError("b64_data is not valid base64: " + why);
    }

    /** The characters of an already checked (hence ASCII) string as bytes, without copying it. */
    private static final class AsciiStream extends InputStream {
        private final String text;
        private int position;

        AsciiStream(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            return position < text.length() ? text.charAt(position++) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= text.length()) {
                return -1;
            }
            int count = Math.min(length, text.length() - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) text.charAt(position++);
            }
            return count;
        }
    }
}

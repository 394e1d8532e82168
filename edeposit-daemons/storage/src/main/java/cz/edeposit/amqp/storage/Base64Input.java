package cz.edeposit.amqp.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * Streams the bytes of base64 text without a decoded copy in memory. Line breaks (the original
 * wrapped at 76 columns) and blanks are skipped; any other character outside the alphabet is an
 * error, where {@link Base64#getMimeDecoder()} would silently drop it.
 */
final class Base64Input {

    private Base64Input() {
    }

    /** The decoded bytes of {@code text}; reading throws {@link InvalidBase64} at the first bad character. */
    static InputStream decode(CharSequence text) {
        InputStream decoder = Base64.getDecoder().wrap(new Alphabet(text));
        return new java.io.FilterInputStream(decoder) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (InvalidBase64 e) {
                    throw e;
                } catch (IOException e) {
                    throw new InvalidBase64("b64_data is not base64: " + e.getMessage());
                }
            }
        };
    }

    /** Base64 text that cannot be decoded. */
    static final class InvalidBase64 extends IOException {
        InvalidBase64(String message) {
            super(message);
        }
    }

    private static final class Alphabet extends InputStream {
        private final CharSequence text;
        private int next;

        Alphabet(CharSequence text) {
            this.text = text;
        }

        @Override
        public int read() throws IOException {
            while (next < text.length()) {
                char c = text.charAt(next++);
                if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                        || c == '=') {
                    return c;
                }
                if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                    throw new InvalidBase64("b64_data is not base64: character " + (int) c + " at " + (next - 1));
                }
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}

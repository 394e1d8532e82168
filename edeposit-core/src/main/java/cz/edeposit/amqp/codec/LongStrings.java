package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The long string values of a message body (the base64 documents of calibre, antivirus, ltp),
 * found in the raw bytes so that each becomes a {@code String} straight from the body.
 *
 * <p>Jackson gathers a string in segments of {@code char} (twice its size), then copies them
 * into a builder and that into the string: about five times the text at once. Decoded here, a
 * string without escapes is one copy of its bytes, and one with escapes one exact buffer plus
 * the string. The body must be valid UTF-8 (checked before), so bytes below 0x80 are always
 * characters of their own.
 */
final class LongStrings {

    /** Shorter strings stay with Jackson, whose overhead on them does not matter. */
    static final int MIN_BYTES = 64 * 1024;

    private static final int[] NONE = new int[0];

    private final byte[] body;
    private final int[] ranges; // pairs: the opening quote, the byte after the closing quote
    private final int count;

    private LongStrings(byte[] body, int[] ranges, int count) {
        this.body = body;
        this.ranges = ranges;
        this.count = count;
    }

    /**
     * The string values of at least {@code minBytes} bytes between their quotes, in body order.
     * Object keys are left out (a key is followed by a colon), and so is a string that never ends:
     * the parser reports such a body as it always did.
     */
    static LongStrings find(byte[] body, int minBytes) {
        int[] ranges = NONE;
        int count = 0;
        int n = body.length;
        int i = body.length < minBytes ? n : 0;
        while (i < n) {
            if (body[i++] != '"') {
                continue;
            }
            int open = i - 1;
            while (i < n && body[i] != '"') {
                i += body[i] == '\\' ? 2 : 1; // an escaped quote does not end the string
            }
            if (i >= n) {
                break;
            }
            i++;
            if (i - open - 2 >= minBytes && !followedByColon(body, i)) {
                if (2 * count == ranges.length) {
                    ranges = Arrays.copyOf(ranges, Math.max(8, 2 * ranges.length));
                }
                ranges[2 * count] = open;
                ranges[2 * count + 1] = i;
                count++;
            }
        }
        return new LongStrings(body, ranges, count);
    }

    // The parser's whitespace is exactly these four characters; anything else is a token or an error.
    private static boolean followedByColon(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i < body.length && body[i] == ':';
    }

    int count() {
        return count;
    }

    /** Where the {@code index}th string starts: its opening quote. */
    int start(int index) {
        return ranges[2 * index];
    }

    /** The byte after the {@code index}th string's closing quote. */
    int end(int index) {
        return ranges[2 * index + 1];
    }

    /**
     * The value of the {@code index}th string, or the error Jackson would report for it: its
     * features here are the codec's (no unescaped control characters, only JSON's own escapes).
     *
     * @throws StreamConstraintsException if it has more than {@code maxChars} characters
     * @throws JsonParseException for a control character or a bad escape, reported at {@code parser}
     */
    String decode(int index, int maxChars, JsonParser parser) throws IOException {
        int from = start(index) + 1;
        int to = end(index) - 1;
        long chars = 0;
        boolean escapes = false;
        boolean latin1 = true;
        for (int i = from; i < to; ) {
            int b = body[i] & 0xff;
            if (b == '\\') {
                int c = escape(i, to, parser);
                escapes = true;
                latin1 &= c <= 0xff;
                i += body[i + 1] == 'u' ? 6 : 2;
                chars++;
            } else if (b < 0x20) {
                throw new JsonParseException(parser, "Illegal unquoted character (code " + b
                        + "): has to be escaped using backslash to be included in string value");
            } else if (b < 0x80) {
                i++;
                chars++;
            } else {
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                latin1 &= b < 0xc4; // two-byte sequences led by C2 or C3 are U+0080-U+00FF
                chars += length == 4 ? 2 : 1; // beyond U+FFFF: a surrogate pair
                i += length;
            }
            if (chars > maxChars) {
                throw new StreamConstraintsException("String value length exceeds the maximum allowed ("
                        + maxChars + ")");
            }
        }
        if (!escapes) {
            return new String(body, from, to - from, StandardCharsets.UTF_8);
        }
        if (latin1) {
            byte[] text = new byte[(int) chars];
            fill(from, to, null, text);
            return new String(text, StandardCharsets.ISO_8859_1);
        }
        char[] text = new char[(int) chars];
        fill(from, to, text, null);
        return new String(text);
    }

    /** Decodes the checked string into {@code utf16}, or into {@code latin1} when every character fits. */
    private void fill(int from, int to, char[] utf16, byte[] latin1) {
        int out = 0;
        for (int i = from; i < to; ) {
            int b = body[i] & 0xff;
            int c;
            if (b == '\\') {
                c = body[i + 1] == 'u' ? hex(i + 2) : simpleEscape(body[i + 1]);
                i += body[i + 1] == 'u' ? 6 : 2;
            } else if (b < 0x80) {
                c = b;
                i++;
            } else if (b < 0xe0) {
                c = (b & 0x1f) << 6 | body[i + 1] & 0x3f;
                i += 2;
            } else if (b < 0xf0) {
                c = (b & 0x0f) << 12 | (body[i + 1] & 0x3f) << 6 | body[i + 2] & 0x3f;
                i += 3;
            } else {
                int codePoint = (b & 0x07) << 18 | (body[i + 1] & 0x3f) << 12 | (body[i + 2] & 0x3f) << 6
                        | body[i + 3] & 0x3f;
                utf16[out++] = Character.highSurrogate(codePoint);
                c = Character.lowSurrogate(codePoint);
                i += 4;
            }
            if (latin1 != null) {
                latin1[out++] = (byte) c;
            } else {
                utf16[out++] = (char) c;
            }
        }
    }

    /** The character the escape at {@code i} stands for, checked as Jackson checks it. */
    private int escape(int i, int to, JsonParser parser) throws JsonParseException {
        byte kind = body[i + 1]; // the scan never ends a string right after a backslash
        if (kind != 'u') {
            int c = simpleEscape(kind);
            if (c < 0) {
                throw new JsonParseException(parser, "Unrecognized character escape (code " + (kind & 0xff) + ")");
            }
            return c;
        }
        for (int digit = i + 2; digit < i + 6; digit++) {
            if (digit >= to || Character.digit(body[digit], 16) < 0) { // a negative byte is no digit either
                throw new JsonParseException(parser, "Unexpected character: expected a hex-digit for character "
                        + "escape sequence");
            }
        }
        return hex(i + 2);
    }

    private static int simpleEscape(byte kind) {
        return switch (kind) {
            case '"', '\\', '/' -> kind;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> -1;
        };
    }

    private int hex(int at) {
        int c = 0;
        for (int digit = at; digit < at + 4; digit++) {
            c = c << 4 | Character.digit(body[digit], 16);
        }
        return c;
    }
}

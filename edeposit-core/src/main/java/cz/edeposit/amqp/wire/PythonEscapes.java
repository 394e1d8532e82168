package cz.edeposit.amqp.wire;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * String escaping of Python's {@code json.dumps(ensure_ascii=True)}: output is pure ASCII: every
 * non-ASCII character, DEL, and control characters without a short form become a backslash-u escape
 * with four lowercase hex digits. The codec hands it to Jackson; {@link #jsonString} applies it alone.
 *
 * <p>Jackson hands us UTF-16 units, so an astral character comes out as two escapes, the same
 * surrogate pair Python writes.
 */
public final class PythonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    private static final int DEL = 0x7f;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final PythonEscapes INSTANCE = new PythonEscapes();

    private final int[] ascii;

    public PythonEscapes() {
        ascii = standardAsciiEscapesForJSON();
        // Jackson's own escape for these uses uppercase hex; route them through getEscapeSequence.
        for (int c = 0; c < 0x20; c++) {
            if (ascii[c] == ESCAPE_STANDARD) {
                ascii[c] = ESCAPE_CUSTOM;
            }
        }
        ascii[DEL] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        // Called for every non-ASCII character of Czech text, so no String.format here.
        return new SerializedString(new String(unicodeEscape(ch)));
    }

    /** {@code text} as a quoted JSON string, escaped exactly as the codec's Jackson output escapes it. */
    public static String jsonString(String text) {
        int[] codes = INSTANCE.ascii;
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int code = c < codes.length ? codes[c] : ESCAPE_CUSTOM;
            if (code == 0) {
                out.append(c);
            } else if (code > 0) {
                out.append('\\').append((char) code); // Jackson's short forms: \" \\ \n \r \t \b \f
            } else {
                out.append(unicodeEscape(c));
            }
        }
        return out.append('"').toString();
    }

    private static char[] unicodeEscape(int ch) {
        return new char[] {'\\', 'u', HEX[ch >> 12 & 0xf], HEX[ch >> 8 & 0xf], HEX[ch >> 4 & 0xf], HEX[ch & 0xf]};
    }
}

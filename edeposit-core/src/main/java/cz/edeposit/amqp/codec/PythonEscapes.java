package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * String escaping of Python's {@code json.dumps(ensure_ascii=True)}: output is pure ASCII: every
 * non-ASCII character, DEL, and control characters without a short form become a backslash-u escape
 * with four lowercase hex digits.
 *
 * <p>Jackson hands us UTF-16 units, so an astral character comes out as two escapes, the same
 * surrogate pair Python writes.
 */
final class PythonEscapes extends CharacterEscapes {

    private static final int DEL = 0x7f;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int[] ascii;

    PythonEscapes() {
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
        return new SerializedString(new String(new char[] {
            '\\', 'u', HEX[ch >> 12 & 0xf], HEX[ch >> 8 & 0xf], HEX[ch >> 4 & 0xf], HEX[ch & 0xf]}));
    }
}

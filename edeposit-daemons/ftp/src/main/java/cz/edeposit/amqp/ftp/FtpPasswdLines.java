package cz.edeposit.amqp.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a passwd file as they are read, one at a time in a reused buffer of its bytes, each told whether it
 * is an account ({@link #nameEnd()}). A reader keeps only what it takes: ListRegisteredUsers takes the names of
 * 10 000 accounts (0.6 MB) from a file of 2.1 MB, whose text, lines and fields it made each time as about 13 MB
 * of garbage, alive for the whole request and so collected from the old generation (docs/ftp.md, "Figures").
 * Bytes, not characters: the separators are ASCII, and one pass finds them, where decoding and scanning
 * characters took three.
 */
final class FtpPasswdLines {

    /** Gets each line of the text; the line is valid only during the call. */
    interface Visitor {
        void line(int number, FtpPasswdLines line);
    }

    private byte[] bytes = new byte[256];
    private int length;
    private boolean ascii = true;
    private int colons;
    private int name;
    private int hash;
    private int uid;
    private int gid;

    private FtpPasswdLines() {
    }

    /**
     * Hands each line of {@code in} (split at '\n', which it does not include; a last line need not end with one) to
     * {@code visitor}.
     *
     * @throws CharacterCodingException at the first line that is not UTF-8 ('\n' is never part of a longer
     *                                  character, so a file is UTF-8 when each of its lines is)
     */
    static void read(InputStream in, Visitor visitor) throws IOException {
        FtpPasswdLines line = new FtpPasswdLines();
        byte[] chunk = new byte[8192];
        int number = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    line.append(chunk, start, i);
                    line.hand(++number, visitor);
                    start = i + 1;
                } else if (b == ':') {
                    line.colon(line.length + i - start);
                } else if (b < 0) {
                    line.ascii = false;
                }
            }
            line.append(chunk, start, n);
        }
        if (line.length > 0) {
            line.hand(++number, visitor);
        }
    }

    private void append(byte[] chunk, int from, int to) {
        int more = to - from;
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
        System.arraycopy(chunk, from, bytes, length, more);
        length += more;
    }

    private void colon(int at) {
        switch (++colons) {
            case 1 -> name = at;
            case 2 -> hash = at;
            case 3 -> uid = at;
            case 4 -> gid = at;
            default -> {
            }
        }
    }

    private void hand(int number, Visitor visitor) throws CharacterCodingException {
        if (!ascii) {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)); // reports, not replaces
        }
        visitor.line(number, this);
        length = 0;
        ascii = true;
        colons = 0;
    }

    /**
     * The length in bytes of the account's name when this line is an account, or -1: seven fields, a name and a
     * hash that are not empty, a uid and a gid that are numbers (ProFTPD would skip such a line too).
     */
    int nameEnd() {
        boolean entry = colons == 6 && name > 0 && hash > name + 1 && isId(hash + 1, uid) && isId(uid + 1, gid);
        return entry ? name : -1;
    }

    // A uid or gid: 1 to 10 digits.
    private boolean isId(int from, int to) {
        if (to <= from || to - from > 10) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the line's first {@code end} bytes are {@code name}. */
    boolean isNamed(String name, int end) {
        if (!ascii) {
            return text(end).equals(name);
        }
        if (name.length() != end) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (bytes[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text of the line's first {@code end} bytes. */
    String text(int end) {
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** The whole line. */
    @Override
    public String toString() {
        return text(length);
    }
}

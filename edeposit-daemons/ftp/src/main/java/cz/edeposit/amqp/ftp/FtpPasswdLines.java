package cz.edeposit.amqp.ftp;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a passwd file as they are read, one at a time in a reused buffer, each told whether it is an
 * account ({@link #nameEnd()}). A reader keeps only what it takes: ListRegisteredUsers takes the names of 10 000
 * accounts (0.6 MB) from a file of 2.1 MB, whose text, lines and fields it made each time as garbage of 14 MB,
 * alive for the whole request, so collected from the old generation (docs/ftp.md, "Figures").
 */
final class FtpPasswdLines {

    /** Gets each line of the text; the line is valid only during the call. */
    interface Visitor {
        void line(int number, FtpPasswdLines line);
    }

    private char[] chars = new char[256];
    private int length;

    private FtpPasswdLines() {
    }

    /** Hands each line of {@code in} (split at '\n', which it does not include; a last line need not end with one) to {@code visitor}. */
    static void read(Reader in, Visitor visitor) throws IOException {
        FtpPasswdLines line = new FtpPasswdLines();
        char[] chunk = new char[8192];
        int number = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.append(chunk, start, i);
                    visitor.line(++number, line);
                    line.length = 0;
                    start = i + 1;
                }
            }
            line.append(chunk, start, n);
        }
        if (line.length > 0) {
            visitor.line(++number, line);
        }
    }

    private void append(char[] chunk, int from, int to) {
        int more = to - from;
        if (length + more > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
        System.arraycopy(chunk, from, chars, length, more);
        length += more;
    }

    /**
     * The length of the account's name when this line is an account, or -1: seven fields, a name and a hash that
     * are not empty, a uid and a gid that are numbers (ProFTPD would skip such a line too).
     */
    int nameEnd() {
        int colons = 0;
        int name = -1;
        int hash = -1;
        int uid = -1;
        int gid = -1;
        for (int i = 0; i < length; i++) {
            if (chars[i] == ':') {
                switch (++colons) {
                    case 1 -> name = i;
                    case 2 -> hash = i;
                    case 3 -> uid = i;
                    case 4 -> gid = i;
                    default -> {
                    }
                }
            }
        }
        boolean entry = colons == 6 && name > 0 && hash > name + 1 && isId(hash + 1, uid) && isId(uid + 1, gid);
        return entry ? name : -1;
    }

    // A uid or gid: 1 to 10 digits, checked by hand: String.matches would compile a pattern per line of every read.
    private boolean isId(int from, int to) {
        if (to <= from || to - from > 10) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (chars[i] < '0' || chars[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The first {@code end} characters of the line. */
    String text(int end) {
        return new String(chars, 0, end);
    }

    /** The whole line. */
    @Override
    public String toString() {
        return text(length);
    }
}

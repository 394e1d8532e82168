package cz.edeposit.amqp.ftp;

import java.util.Optional;

/**
 * One account line of ProFTPD's {@code AuthUserFile}, in the format {@code ftpasswd} writes:
 * {@code name:hash:uid:gid:gecos:home:shell}. The fields are kept as text, so that an entry written back is the
 * line it was read from.
 */
record FtpPasswdEntry(String name, String hash, String uid, String gid, String gecos, String home, String shell) {

    /**
     * The entry of {@code line}, or empty when it is not one: not seven fields, an empty name or hash, or a uid or
     * gid that is not a number (ProFTPD would skip such a line too).
     */
    static Optional<FtpPasswdEntry> parse(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length != 7 || fields[0].isEmpty() || fields[1].isEmpty() || !isId(fields[2]) || !isId(fields[3])) {
            return Optional.empty();
        }
        return Optional.of(new FtpPasswdEntry(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]));
    }

    // A uid or gid: 1 to 10 digits, checked by hand: String.matches would compile a pattern twice per line of every read.
    private static boolean isId(String field) {
        if (field.isEmpty() || field.length() > 10) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The line of this entry, without its line break. */
    String line() {
        return String.join(":", name, hash, uid, gid, gecos, home, shell);
    }

    FtpPasswdEntry withHash(String newHash) {
        return new FtpPasswdEntry(name, newHash, uid, gid, gecos, home, shell);
    }

    FtpPasswdEntry withGecos(String newGecos) {
        return new FtpPasswdEntry(name, hash, uid, gid, newGecos, home, shell);
    }

    @Override
    public String toString() {
        return "FtpPasswdEntry[" + name + ":(hash):" + uid + ":" + gid + ":" + gecos + ":" + home + ":" + shell + "]";
    }
}

package cz.edeposit.amqp.ftp;

/**
 * One account line of ProFTPD's {@code AuthUserFile}, in the format {@code ftpasswd} writes:
 * {@code name:hash:uid:gid:gecos:home:shell}. The fields are kept as text, so that an entry written back is the
 * line it was read from.
 */
record FtpPasswdEntry(String name, String hash, String uid, String gid, String gecos, String home, String shell) {

    /** The entry of {@code line}, which {@link FtpPasswdLines#nameEnd()} found to be one. */
    static FtpPasswdEntry of(String line) {
        String[] fields = line.split(":", -1);
        return new FtpPasswdEntry(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
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

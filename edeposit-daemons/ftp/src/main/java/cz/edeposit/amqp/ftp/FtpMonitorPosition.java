package cz.edeposit.amqp.ftp;

/**
 * Where the monitor is in the ExtendedLog: the file (device and inode, so that a rotated log is told from the
 * new one) and the byte offset just after the last line handled.
 *
 * @param device the log's device number, or 0 when no log was seen yet
 * @param inode  the log's inode number, or 0 when no log was seen yet
 * @param offset the offset after the last line handled
 */
record FtpMonitorPosition(long device, long inode, long offset) {

    /** Before the first log: the first one seen is read from its start. */
    static final FtpMonitorPosition NONE = new FtpMonitorPosition(0, 0, 0);

    /** Whether this position is in the file with the given device and inode. */
    boolean isIn(long otherDevice, long otherInode) {
        return device == otherDevice && inode == otherInode;
    }

    /** The same file, at {@code newOffset}. */
    FtpMonitorPosition at(long newOffset) {
        return new FtpMonitorPosition(device, inode, newOffset);
    }
}

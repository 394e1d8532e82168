package cz.edeposit.amqp.ftp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows the ExtendedLog by polling, from a saved {@link FtpMonitorPosition} (the original ran {@code tail -f}
 * and lost what happened while it was down). The file is kept open, so after a rotation (the log renamed and a
 * new one made, or a shorter file: truncated) the rest of the old file is read first, then the new one from its
 * start. A missing log yields nothing until it appears. Only whole lines are returned: ProFTPD writes a line at
 * once, so a line without its newline is still being written.
 */
final class FtpMonitorLogReader implements Closeable {

    /** One complete line, or {@code text} null for a line over {@link FtpMonitorLogLine#MAX_LENGTH} bytes. */
    record Entry(String text, FtpMonitorPosition after) {
    }

    private static final int CHUNK = 64 * 1024;

    private final Path log;
    private FtpMonitorPosition position;
    private FileChannel channel;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;
    private long pending;

    FtpMonitorLogReader(Path log, FtpMonitorPosition start) {
        this.log = log;
        this.position = start;
    }

    /** The position after the last line returned. */
    FtpMonitorPosition position() {
        return position;
    }

    /** Up to {@code maxLines} complete lines after the position, in order; empty when there is none yet. */
    List<Entry> poll(int maxLines) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (channel == null && !open()) {
            return entries;
        }
        while (entries.size() < maxLines) {
            if (readLines(entries, maxLines)) {
                continue; // more may follow in this file
            }
            if (!switchedFile()) {
                break;
            }
        }
        return entries;
    }

    /** Reads from the position; true when a chunk was read (there may be more), false at the end of the file. */
    private boolean readLines(List<Entry> entries, int maxLines) throws IOException {
        long cursor = position.offset() + pending; // the bytes of the unfinished line are consumed already
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int read = channel.read(buffer, cursor);
        if (read <= 0) {
            return false;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < read && entries.size() < maxLines; i++) {
            cursor++;
            byte b = bytes[i];
            if (b == '\n') {
                position = position.at(cursor);
                entries.add(new Entry(overlong ? null : line.toString(StandardCharsets.UTF_8), position));
                resetLine();
            } else {
                pending++;
                if (line.size() >= FtpMonitorLogLine.MAX_LENGTH) {
                    overlong = true;
                    line.reset();
                }
                if (!overlong) {
                    line.write(b);
                }
            }
        }
        if (entries.size() >= maxLines) {
            resetLine(); // the rest is read again at the next poll
        }
        return true;
    }

    private void resetLine() {
        line.reset();
        overlong = false;
        pending = 0;
    }

    /**
     * At the end of the open file: whether the log is now another file (rotated) or shorter (truncated), in which
     * case reading goes on at the start of the current log.
     */
    private boolean switchedFile() throws IOException {
        Map<String, Object> now;
        try {
            now = Files.readAttributes(log, "unix:dev,ino,size");
        } catch (NoSuchFileException rotatedAway) {
            return false; // renamed, the new one not made yet: wait for it
        }
        long size = (Long) now.get("size");
        if (position.isIn((Long) now.get("dev"), (Long) now.get("ino"))) {
            if (size >= position.offset()) {
                return false;
            }
            position = position.at(0); // truncated (copytruncate): the new content starts at 0
        } else {
            channel.close(); // the old file has been read to its end; a half line there is lost with it
            channel = null;
            position = FtpMonitorPosition.NONE;
            if (!open()) {
                return false;
            }
        }
        resetLine();
        return true;
    }

    /** Opens the current log: at the saved offset when it is the same file, else at its start. */
    private boolean open() throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, Object> before;
            FileChannel opened;
            try {
                before = Files.readAttributes(log, "unix:dev,ino");
                opened = FileChannel.open(log, StandardOpenOption.READ);
            } catch (NoSuchFileException missing) {
                return false;
            }
            Map<String, Object> after;
            try {
                after = Files.readAttributes(log, "unix:dev,ino,size");
            } catch (NoSuchFileException rotated) {
                opened.close();
                continue;
            }
            long device = (Long) after.get("dev");
            long inode = (Long) after.get("ino");
            if (device != (Long) before.get("dev") || inode != (Long) before.get("ino")) {
                opened.close(); // rotated between the two looks: which file is open is unknown
                continue;
            }
            long size = (Long) after.get("size");
            boolean same = position.isIn(device, inode) && position.offset() <= size;
            position = new FtpMonitorPosition(device, inode, same ? position.offset() : 0);
            channel = opened;
            resetLine();
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}

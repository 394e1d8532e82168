package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.files.AtomicFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What the monitor must remember across a crash, kept in {@code MONITOR_STATE_FILE}: the log position, and the
 * import whose message the broker confirmed but whose clean-up may not have finished.
 *
 * @param position  the position in the ExtendedLog after the last line handled
 * @param published the user whose import was published and confirmed and is not cleaned up yet, or null
 * @param messageId the {@code message_id} of that import's message, or null
 * @param cleanup   the files of that import to delete (relative to the home), empty when none
 */
record FtpMonitorState(FtpMonitorPosition position, String published, String messageId, List<String> cleanup) {

    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");

    /** Nothing handled yet. */
    static final FtpMonitorState INITIAL = new FtpMonitorState(FtpMonitorPosition.NONE, null, null, List.of());

    FtpMonitorState {
        cleanup = List.copyOf(cleanup);
    }

    /** This state at another log position. */
    FtpMonitorState at(FtpMonitorPosition newPosition) {
        return new FtpMonitorState(newPosition, published, messageId, cleanup);
    }

    /** This state with the given import recorded as published, with the files to delete (or none, with nulls). */
    FtpMonitorState publishedBy(String user, String id, List<String> files) {
        return new FtpMonitorState(position, user, id, user == null ? List.of() : files);
    }

    /**
     * Reads the state file; a missing file is {@link #INITIAL}.
     *
     * @throws IOException when it cannot be read or is not a state file (the operator must look at it: starting
     *                     from the log's beginning would import again what was imported)
     */
    static FtpMonitorState load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return INITIAL;
        }
        Properties values = new Properties();
        values.load(new StringReader(text));
        try {
            FtpMonitorPosition position = new FtpMonitorPosition(Long.parseLong(values.getProperty("device")),
                    Long.parseLong(values.getProperty("inode")), Long.parseLong(values.getProperty("offset")));
            if (position.offset() < 0) {
                throw new NumberFormatException("negative offset");
            }
            String user = values.getProperty("published");
            String id = values.getProperty("message_id");
            String files = values.getProperty("cleanup", "");
            return new FtpMonitorState(position, user, user == null ? null : id,
                    user == null || files.isEmpty() ? List.of() : List.of(files.split("\n", -1)));
        } catch (NumberFormatException | NullPointerException bad) {
            throw new IOException("the monitor's state file " + file + " is damaged (" + bad.getMessage()
                    + "); fix or delete it (deleting it reads the whole log again)");
        }
    }

    /** Writes the state file atomically ({@link AtomicFiles}), mode 0600. */
    void save(Path file) throws IOException {
        Properties values = new Properties();
        values.setProperty("device", Long.toString(position.device()));
        values.setProperty("inode", Long.toString(position.inode()));
        values.setProperty("offset", Long.toString(position.offset()));
        if (published != null) {
            values.setProperty("published", published);
            values.setProperty("message_id", messageId);
            values.setProperty("cleanup", String.join("\n", cleanup)); // FTP paths never hold a line break
        }
        StringWriter text = new StringWriter();
        values.store(text, "edeposit-ftp-monitord: do not edit while it runs");
        // 0600, the mode the file always had (Files.createTempFile's): only the monitor reads it.
        AtomicFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), MODE);
    }
}

package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.NtCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One import, in the order that neither loses nor doubles an upload: the home settles, is locked read-only and
 * paired; the messages are published and confirmed; "published" goes to the state file; then the imported files
 * are deleted, the home unlocked, the lock file made again and the user's logs written; last, the log position.
 * A crash before the state write repeats the messages with the same {@code message_id}s; after it, the clean-up is
 * finished without publishing again. The original cleaned up first, so a failed publish lost the upload.
 */
final class FtpMonitorImport {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorImport.class);

    private final FtpMonitorSettings settings;
    private final FtpMonitorPublisher publisher;
    private final NtCodec codec;
    private final FtpHomes homes;

    FtpMonitorImport(FtpMonitorSettings settings, FtpMonitorPublisher publisher, NtCodec codec, FtpHomes homes) {
        this.settings = settings;
        this.publisher = publisher;
        this.codec = codec;
        this.homes = homes;
    }

    /**
     * Imports what {@code user} uploaded, for the lock file's deletion logged just before {@code trigger}. An import
     * that fails on the home's files is reported (the daemon's log, the user's error log) and given up: what was not
     * sent stays in the home, the home is unlocked and its lock file made again, so the publisher retries by deleting
     * it again; the daemon goes on with the next line. Only the state file's and the publisher's failures end it.
     *
     * @return the state after it: nothing published pending, the position at {@code trigger}
     * @throws IOException when the state file cannot be written (the crash rules then apply at the next start), or
     *                     the publisher refused a message (nothing was deleted, the home stays locked and whole)
     */
    FtpMonitorState run(String user, FtpUserSwitches switches, FtpMonitorPosition trigger, FtpMonitorState state)
            throws IOException, InterruptedException {
        FtpSettings ftp = settings.ftp();
        FtpMonitorHome home = new FtpMonitorHome(homes.home(user), ftp);
        String importId = UUID.nameUUIDFromBytes(("edeposit-ftp-import:" + user + ":" + trigger.device() + ":"
                + trigger.inode() + ":" + trigger.offset()).getBytes(StandardCharsets.UTF_8)).toString();
        List<String> errors = new ArrayList<>();
        List<String> delete;
        String importLog;
        if (user.equals(state.published()) && importId.equals(state.messageId())) {
            LOG.info("import of {} ({}) was published before a restart: finishing its clean-up", user, importId);
            delete = state.cleanup(); // what was sent then, not what this walk of a half-cleaned home says
            importLog = "Import " + Instant.now() + "\n(sent before a restart of the monitor)\nStatus: Ok\n";
        } else {
            FtpMonitorSending sending;
            try {
                sending = FtpMonitorSending.prepare(settings, home, switches);
            } catch (IOException | RuntimeException failure) {
                return failed(user, home, switches, trigger, state, failure);
            }
            sending.publish(user, importId, codec, publisher);
            errors.addAll(sending.errors());
            delete = sending.delete();
            importLog = sending.importLog();
            state = state.publishedBy(user, importId, delete);
            state.save(settings.stateFile());
        }
        cleanUp(user, home, delete, errors);
        finish(user, home, switches, importLog, errors);
        state = state.publishedBy(null, null, List.of()).at(trigger);
        state.save(settings.stateFile());
        return state;
    }

    /** An import that could not start (the user's switches unknown): reported as {@link #failed}. */
    FtpMonitorState failed(String user, FtpMonitorPosition trigger, FtpMonitorState state, Exception failure)
            throws IOException {
        return failed(user, new FtpMonitorHome(homes.home(user), settings.ftp()), FtpUserSwitches.ALL_ON, trigger, state,
                failure);
    }

    /**
     * An import that failed before anything was sent: reported, the home given back to the publisher whole. Not
     * retried by the monitor: an I/O failure that lasts (a damaged disk, a file the publisher cannot read either)
     * would hold up every later import of the log; the publisher's next deletion of the lock file retries it.
     */
    private FtpMonitorState failed(String user, FtpMonitorHome home, FtpUserSwitches switches, FtpMonitorPosition trigger,
                                   FtpMonitorState state, Exception failure) throws IOException {
        LOG.error("import of {} failed before anything was sent, given up until the lock file is deleted again: {}",
                user, failure.toString());
        List<String> errors = new ArrayList<>();
        errors.add("The import failed before anything was sent (" + failure.getMessage() + "); your files are in place."
                + " Delete the lock file again to try again; if it fails again, tell the library.");
        finish(user, home, switches, "Import " + Instant.now() + "\nStatus: Error\n", errors);
        state = state.at(trigger);
        state.save(settings.stateFile());
        return state;
    }

    /** Deletes what was sent (and the bad files when asked); what cannot be is named, never fatal. */
    private static void cleanUp(String user, FtpMonitorHome home, List<String> delete, List<String> errors) {
        for (String failure : home.delete(delete)) {
            LOG.error("import of {}: {}", user, failure);
            errors.add(failure + "; it was sent already: delete it, or the next import sends it again");
        }
    }

    /** Unlocks the home, makes its lock file again and writes the user's logs, each step tried whatever the others did. */
    private void finish(String user, FtpMonitorHome home, FtpUserSwitches switches, String importLog, List<String> errors) {
        FtpSettings ftp = settings.ftp();
        List<String> failures = new ArrayList<>();
        step(failures, "unlocking the home", () -> home.lock(false));
        step(failures, "making the lock file again", () -> homes.reopen(user)); // 0775, owner, group, lock file
        failures.forEach(failure -> LOG.error("import of {}: {}", user, failure));
        errors.addAll(failures);
        String errorLog = errors.isEmpty() ? null : String.join("\n", errors) + "\n";
        String log = importLog;
        if (!errors.isEmpty() && log.endsWith("Status: Ok\n")) {
            log = log.substring(0, log.length() - "Ok\n".length()) + "Error\n";
        }
        String userLog = switches.createImportLog() ? log : null;
        List<String> unwritten = new ArrayList<>();
        step(unwritten, "writing " + ftp.userImportLog(), () -> home.writeLog(ftp.userImportLog(), userLog));
        step(unwritten, "writing " + ftp.userErrorLog(), () -> home.writeLog(ftp.userErrorLog(), errorLog));
        unwritten.forEach(failure -> LOG.error("import of {}: {}; the user's error log would have said: {}", user, failure,
                errorLog));
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void step(List<String> failures, String what, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException failure) {
            failures.add(what + " failed: " + failure);
        }
    }
}

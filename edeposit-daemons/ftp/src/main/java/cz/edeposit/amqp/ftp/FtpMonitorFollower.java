package cz.edeposit.amqp.ftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's main loop: follows the ExtendedLog from the saved position and starts an import for each
 * deletion of a lock file that still means one (submodules.md §4.2): a {@code DELE} of {@code LOCK_FILENAME} in the
 * home of a known user (anywhere in it when {@code LOCK_ONLY_IN_HOME} is off), while the home exists and the lock
 * file is absent, so that lines read again after a restart start nothing twice.
 */
final class FtpMonitorFollower {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorFollower.class);
    private static final int BATCH = 1000;

    private final FtpMonitorSettings settings;
    private final FtpMonitorImport imports;
    private final FtpPasswdFile passwd;
    private final FtpMonitorMetrics metrics;
    private FtpMonitorState state;

    FtpMonitorFollower(FtpMonitorSettings settings, FtpMonitorImport imports, FtpMonitorState state) {
        this(settings, imports, state, FtpMonitorMetrics.NONE);
    }

    FtpMonitorFollower(FtpMonitorSettings settings, FtpMonitorImport imports, FtpMonitorState state,
            FtpMonitorMetrics metrics) {
        this.settings = settings;
        this.imports = imports;
        this.passwd = new FtpPasswdFile(settings.ftp().loginFile());
        this.state = state;
        this.metrics = metrics;
    }

    FtpMonitorState state() {
        return state;
    }

    /**
     * Handles the lines the log holds now; returns how many were read (0: nothing new). The position is saved
     * after each import and at the end of each batch.
     */
    int poll(FtpMonitorLogReader reader) throws IOException, InterruptedException {
        List<FtpMonitorLogReader.Entry> entries = reader.poll(BATCH);
        for (FtpMonitorLogReader.Entry entry : entries) {
            metrics.linesRead().increment();
            Optional<FtpMonitorLogLine> line = entry.text() == null ? Optional.empty() : FtpMonitorLogLine.parse(entry.text());
            if (line.isEmpty()) {
                metrics.linesRefused().increment();
                LOG.warn("ExtendedLog line before offset {} refused (not 'path, user, COMMAND, time'): {}",
                        entry.after().offset(), shown(entry.text()));
                continue;
            }
            Optional<FtpUserSwitches> trigger;
            try {
                trigger = trigger(line.get());
            } catch (RuntimeException unreadable) { // the passwd file could not be read
                state = imports.failed(line.get().user(), entry.after(), state, unreadable);
                continue;
            }
            if (trigger.isPresent()) {
                LOG.info("{} deleted the lock file: importing", line.get().user());
                metrics.imports().increment();
                state = imports.run(line.get().user(), trigger.get(), entry.after(), state);
            }
            state = state.at(entry.after());
        }
        if (!entries.isEmpty()) {
            state.save(settings.stateFile());
        }
        return entries.size();
    }

    /** The user's switches in effect when the line starts an import, else empty. */
    Optional<FtpUserSwitches> trigger(FtpMonitorLogLine line) {
        FtpSettings ftp = settings.ftp();
        if (!line.command().equals("DELE")) {
            return Optional.empty();
        }
        Path deleted = Path.of(line.path()).normalize();
        Path home = ftp.dataPath().resolve(line.user());
        if (!deleted.getFileName().toString().equals(ftp.lockFilename())
                || !(ftp.lockOnlyInHome() ? home.equals(deleted.getParent()) : deleted.startsWith(home))) {
            return Optional.empty();
        }
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS) || Files.exists(deleted, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // an import done before a restart, or a lock file made again
        }
        Optional<FtpPasswdEntry> entry = passwd.read().find(line.user());
        if (entry.isEmpty()) {
            LOG.warn("{} deleted a lock file but is not in {}: no import", line.user(), ftp.loginFile());
            return Optional.empty();
        }
        FtpUserSwitches own;
        try {
            own = FtpUserSwitches.fromGecos(entry.get().gecos());
        } catch (IllegalArgumentException notSwitches) {
            LOG.warn("{}: {}; all switches taken as on", line.user(), notSwitches.getMessage());
            own = FtpUserSwitches.ALL_ON;
        }
        FtpUserSwitches global = ftp.global();
        return Optional.of(new FtpUserSwitches(global.sameNameDirPairing() && own.sameNameDirPairing(),
                global.sameDirPairing() && own.sameDirPairing(), global.isbnPairing() && own.isbnPairing(),
                global.createImportLog() && own.createImportLog(), global.leaveBadFiles() && own.leaveBadFiles()));
    }

    private static String shown(String text) {
        if (text == null) {
            return "(over " + FtpMonitorLogLine.MAX_LENGTH + " bytes)";
        }
        String cut = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return FtpUserNames.shown(cut);
    }
}

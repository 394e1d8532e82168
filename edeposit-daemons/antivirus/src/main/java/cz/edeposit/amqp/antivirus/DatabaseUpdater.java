package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.UserWarning;
import cz.edeposit.amqp.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code UpdateDatabase}: freshclam when it is configured and works, otherwise a copy of the
 * signature files of a local directory (offline installations); then a reload of clamd, confirmed
 * by a {@link ReloadProbe}, with the previous files put back when clamd does not take the new ones.
 */
final class DatabaseUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUpdater.class);

    /** The file types clamd loads from its database directory (signature formats of ClamAV 1.x). */
    static final Set<String> SIGNATURE_EXTENSIONS = Set.of("cvd", "cld", "cud", "hdb", "hsb", "hdu", "hsu", "mdb",
            "msb", "mdu", "msu", "ndb", "ndu", "ldb", "ldu", "idb", "cdb", "crb", "cbc", "pdb", "gdb", "wdb", "fp",
            "sfp", "ign", "ign2", "ftm", "info", "yar", "yara", "pwdb", "imp", "cat", "crt");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String LOCK_FILE = ".edeposit-update.lock";
    private static final Duration POLL = Duration.ofMillis(100);

    private final AntivirusSettings settings;
    private final ClamdClient clamd;
    private final Freshclam freshclam;

    DatabaseUpdater(AntivirusSettings settings, ClamdClient clamd) {
        this.settings = settings;
        this.clamd = clamd;
        this.freshclam = settings.freshclam() == null ? null : new Freshclam(settings.freshclam(),
                settings.freshclamConfig(), settings.databaseDir(), settings.freshclamTimeout());
    }

    /**
     * Updates and reloads; the log says what was done.
     *
     * @throws UserWarning with the log when no update source worked or clamd did not take the result
     */
    @SuppressWarnings("try") // the file lock is held for the block, never read
    synchronized DatabaseUpdated update() throws InterruptedException {
        UpdateLog log = new UpdateLog();
        Path directory = settings.databaseDir();
        if (!Files.isDirectory(directory)) {
            throw log.failure("clamd's database directory " + directory + " does not exist; check DatabaseDirectory in CONF_PATH");
        }
        // A second daemon instance may update the same directory: one at a time.
        try (FileChannel lockFile = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock();
             DatabaseTransaction transaction = new DatabaseTransaction(directory)) {
            boolean freshclamWorked = runFreshclam(log);
            if (!freshclamWorked) {
                stageLocalSignatures(transaction, log);
                if (transaction.isEmpty()) {
                    log.add("nothing changed; clamd keeps its database");
                    return new DatabaseUpdated(log.text());
                }
            }
            ReloadProbe probe = ReloadProbe.fresh();
            transaction.stage(ReloadProbe.FILE_NAME, probe.file());
            transaction.commit();
            for (String name : transaction.committedNames()) {
                log.add("installed " + directory.resolve(name));
            }
            try {
                reloadAndConfirm(probe, log);
            } catch (WireException | InterruptedException e) {
                restore(transaction, log);
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                throw log.failure(e.getMessage());
            }
            transaction.finish();
        } catch (IOException e) {
            throw log.failure(e + (e instanceof AccessDeniedException ? "; the daemon's user needs write access to "
                    + directory + " for updates (docs/antivirus.md)" : ""));
        }
        return new DatabaseUpdated(log.text());
    }

    private boolean runFreshclam(UpdateLog log) throws IOException, InterruptedException {
        if (freshclam == null) {
            log.add("freshclam: not configured (FRESHCLAM_PATH is empty)");
            return false;
        }
        if (!freshclam.installed()) {
            log.add("freshclam: " + settings.freshclam() + " is not an executable file; skipped");
            return false;
        }
        log.add("freshclam: running " + String.join(" ", freshclam.command()));
        Freshclam.Outcome outcome = freshclam.run();
        outcome.output().lines().forEach(line -> log.add("  " + line));
        log.add("freshclam: " + (outcome.succeeded() ? "database is up to date" : "failed") + " (" + outcome.ending() + ")");
        return outcome.succeeded();
    }

    private void stageLocalSignatures(DatabaseTransaction transaction, UpdateLog log) throws IOException {
        Path source = settings.signatureDir();
        if (source == null) {
            throw log.failure("no update source: freshclam did not update the database and SIGNATURE_DIR is empty;"
                    + " set SIGNATURE_DIR in antivirus.json to a directory of signature files for offline updates");
        }
        if (!Files.isDirectory(source)) {
            throw log.failure("SIGNATURE_DIR " + source + " is not a directory");
        }
        log.add("local signatures: copying from " + source + " to " + settings.databaseDir());
        int found = 0;
        for (Path file : signatureFiles(source, log)) {
            found++;
            String name = file.getFileName().toString();
            Path target = settings.databaseDir().resolve(name);
            if (Files.isRegularFile(target) && Files.mismatch(file, target) == -1) {
                log.add("  unchanged " + name);
            } else {
                transaction.stage(name, file);
                log.add("  staged " + name + " (" + Files.size(file) + " bytes)");
            }
        }
        if (found == 0) {
            throw log.failure("SIGNATURE_DIR " + source + " holds no signature files (" + String.join(", ",
                    SIGNATURE_EXTENSIONS.stream().sorted().map(e -> "*." + e).toList()) + ")");
        }
    }

    private static List<Path> signatureFiles(Path source, UpdateLog log) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(source)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !SAFE_NAME.matcher(name).matches()
                        || !SIGNATURE_EXTENSIONS.contains(extension(name)) || name.equals(ReloadProbe.FILE_NAME)) {
                    log.add("  ignored " + name + " (not a signature file)");
                    continue;
                }
                files.add(file);
            }
        }
        return files;
    }

    private void reloadAndConfirm(ReloadProbe probe, UpdateLog log) throws InterruptedException {
        long started = System.nanoTime();
        clamd.reload();
        log.add("clamd on " + clamd.address() + ": RELOADING");
        long deadline = started + settings.reloadTimeout().toNanos();
        WireException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<String> verdict = clamd.scan("reload check", probe.sample().length,
                        new ByteArrayInputStream(probe.sample()));
                if (verdict.isPresent() && ReloadProbe.matches(verdict.get())) {
                    log.add(String.format(Locale.ROOT, "clamd activated the new database after %.1f s",
                            (System.nanoTime() - started) / 1e9));
                    return;
                }
            } catch (WireException e) {
                last = e; // clamd may refuse connections while it loads without ConcurrentDatabaseReload
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new UserWarning("clamd did not activate the new database within " + settings.reloadTimeout().toSeconds()
                + " s (CLAMD_RELOAD_TIMEOUT); it keeps the previous one when the new one does not load: see clamd's log "
                + settings.clamdLog() + (last == null ? "" : "; last answer: " + last.getMessage()));
    }

    private void restore(DatabaseTransaction transaction, UpdateLog log) {
        try {
            transaction.rollback();
            log.add("restored the previous files in " + settings.databaseDir());
        } catch (IOException e) {
            log.add("could not restore every previous file in " + settings.databaseDir() + ": " + e);
            return;
        }
        try {
            clamd.reload();
            log.add("asked clamd to reload the previous database");
        } catch (RuntimeException e) {
            log.add("could not ask clamd to reload (" + e.getMessage() + "); it loads the restored files when it starts");
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The reply's log, mirrored to the daemon's log. */
    private static final class UpdateLog {
        private final StringBuilder text = new StringBuilder();

        void add(String line) {
            LOG.info("UpdateDatabase: {}", line);
            text.append(line).append('\n');
        }

        String text() {
            return text.toString().stripTrailing();
        }

        /** The exception reply: the reason first, then the steps done so far. */
        UserWarning failure(String why) {
            LOG.warn("UpdateDatabase failed: {}", why);
            return new UserWarning("UpdateDatabase failed: " + why + (text.length() == 0 ? "" : "\n" + text()));
        }
    }
}

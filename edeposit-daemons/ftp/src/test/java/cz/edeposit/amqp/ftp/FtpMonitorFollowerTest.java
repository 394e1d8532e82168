package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trigger rules and the loop over a real log file; the import itself is FtpMonitorImportTest's. */
class FtpMonitorFollowerTest {

    @TempDir
    Path dir;
    private FtpMonitorSettings settings;
    private FtpHomes homes;
    private Path data;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("ftp.json"), "{\"DATA_PATH\": \"" + dir.resolve("data") + "\", \"LOGIN_FILE\": \""
                + dir.resolve("ftpd.passwd") + "\", \"MONITOR_STATE_FILE\": \"" + dir.resolve("monitor.state")
                + "\", \"LOG_FILE\": \"" + dir.resolve("extended.log") + "\", \"UPLOAD_SETTLE_SECONDS\": 0, \"ISBN_PAIRING\": false}");
        settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json", new ConfigLocator(dir, Map.of(), dir), Map.of()));
        data = settings.ftp().dataPath();
        Files.createDirectories(data);
        homes = new FtpHomes(data, settings.ftp().lockFilename(),
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("proftpd"), 2000);
        homes.create("alice");
        homes.create("bob");
        Files.writeString(settings.ftp().loginFile(), "alice:$6$x$y:2000:2000:ttftf:" + data.resolve("alice") + ":/bin/false\n");
    }

    private FtpMonitorFollower follower() {
        return new FtpMonitorFollower(settings, new FtpMonitorImport(settings, (body, id) -> ids.add(id),
                new NtCodec(FtpMonitorMessages.TYPES), homes), FtpMonitorState.INITIAL);
    }

    private static FtpMonitorLogLine line(String path, String user) {
        return new FtpMonitorLogLine(path, user, "DELE", 1);
    }

    @Test
    void onlyTheDeletionOfTheLockFileInTheHomeOfAKnownUserWhileItIsAbsentStartsAnImport() throws Exception {
        FtpMonitorFollower follower = follower();
        String lock = settings.ftp().lockFilename();
        Path aliceLock = data.resolve("alice").resolve(lock);
        assertEquals(Optional.empty(), follower.trigger(line(aliceLock.toString(), "alice")), "the lock file is still there");
        Files.delete(aliceLock);
        // The user's switches ANDed with the global ones (ISBN_PAIRING off in ftp.json).
        assertEquals(Optional.of(new FtpUserSwitches(true, true, false, true, false)),
                follower.trigger(line(aliceLock.toString(), "alice")));
        assertEquals(Optional.empty(), follower.trigger(new FtpMonitorLogLine(aliceLock.toString(), "alice", "STOR", 1)));
        assertEquals(Optional.empty(), follower.trigger(line(data.resolve("alice/sub").resolve(lock).toString(), "alice")));
        assertEquals(Optional.empty(), follower.trigger(line(data.resolve("alice/other.txt").toString(), "alice")));
        assertEquals(Optional.empty(), follower.trigger(line(aliceLock.toString(), "bob")), "another user's home");
        Files.delete(data.resolve("bob").resolve(lock));
        assertEquals(Optional.empty(), follower.trigger(line(data.resolve("bob").resolve(lock).toString(), "bob")),
                "bob is not in the passwd file");
        assertEquals(Optional.empty(), follower.trigger(line(data.resolve("alice/../bob").resolve(lock).toString(), "alice")));
    }

    @Test
    void theLoopImportsOnceAndSavesThePositionAndMalformedLinesAreSkipped() throws Exception {
        Path lock = data.resolve("alice").resolve(settings.ftp().lockFilename());
        Files.writeString(data.resolve("alice/book.pdf"), "%PDF");
        Files.delete(lock);
        String dele = lock + ", alice, DELE, 1795722982\n";
        Files.writeString(settings.ftp().logFile(), "garbage\n" + data.resolve("alice/book.pdf") + ", alice, STOR, 1\n" + dele);
        FtpMonitorFollower follower = follower();
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(settings.ftp().logFile(), FtpMonitorPosition.NONE)) {
            assertEquals(3, follower.poll(reader));
            assertEquals(1, ids.size());
            assertTrue(Files.exists(lock));
            assertEquals(Files.size(settings.ftp().logFile()), FtpMonitorState.load(settings.stateFile()).position().offset());
            // The same line again (a replay) starts nothing: the lock file is back.
            Files.writeString(settings.ftp().logFile(), dele, StandardOpenOption.APPEND);
            assertEquals(1, follower.poll(reader));
            assertEquals(1, ids.size());
        }
    }

    @Test
    void anImportThatFailsOnIoIsReportedAndTheNextLineIsHandled() throws Exception {
        Files.writeString(settings.ftp().loginFile(), "alice:$6$x$y:2000:2000::" + data.resolve("alice") + ":/bin/false\n"
                + "bob:$6$x$y:2000:2000::" + data.resolve("bob") + ":/bin/false\n");
        Path stuck = data.resolve("alice/stuck.pdf");
        Files.writeString(stuck, "%PDF stuck");
        Files.writeString(data.resolve("bob/book.pdf"), "%PDF bob");
        String lock = settings.ftp().lockFilename();
        Files.delete(data.resolve("alice").resolve(lock));
        Files.delete(data.resolve("bob").resolve(lock));
        Files.writeString(settings.ftp().logFile(), data.resolve("alice").resolve(lock) + ", alice, DELE, 1\n"
                + data.resolve("bob").resolve(lock) + ", bob, DELE, 2\n");
        FtpTestFiles.immutable(stuck, true); // alice's home cannot be locked
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(settings.ftp().logFile(), FtpMonitorPosition.NONE)) {
            assertEquals(2, follower().poll(reader));
        } finally {
            FtpTestFiles.immutable(stuck, false);
        }
        assertEquals(1, ids.size(), "bob's import was sent, alice's was not");
        assertTrue(Files.exists(stuck) && Files.exists(data.resolve("alice").resolve(lock)));
        assertTrue(Files.readString(data.resolve("alice/error.log.txt")).startsWith("The import failed before anything was sent"));
        assertTrue(Files.notExists(data.resolve("bob/book.pdf")) && Files.exists(data.resolve("bob").resolve(lock)));
        assertEquals(Files.size(settings.ftp().logFile()), FtpMonitorState.load(settings.stateFile()).position().offset());
    }
}

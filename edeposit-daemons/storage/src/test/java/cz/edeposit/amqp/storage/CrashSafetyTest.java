package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM saving publications from four threads is killed with SIGKILL at a random moment,
 * {@value #KILLS} times: no file under a final name is partial, no record lacks its file (neither
 * after the restart nor after a sweep past the grace period), and the next start empties .incoming.
 */
class CrashSafetyTest {

    /** Kills per database: enough that a commit lost by H2 under concurrent saves is likely met. */
    static final int KILLS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSaveKilledAtAnyMomentLeavesNoPartialFileAndNoRecordWithoutItsFile(TestDatabase db) throws Exception {
        for (String name : new String[] {"public", "private", "archive"}) {
            Files.createDirectories(dir.resolve(name));
        }
        StorageSettings.DatabaseSettings database = db.create(dir);
        Random random = new Random();
        try {
            for (int round = 0; round < KILLS; round++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m", "-cp", System.getProperty("java.class.path"), SaveUntilKilled.class.getName(),
                        dir.toString(), database.url()).redirectErrorStream(true).start();
                waitForSaves(child.getInputStream(), 2 + random.nextInt(100));
                Thread.sleep(random.nextInt(200)); // the behaviour under test: a kill at a random moment of a save
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                check(database);
            }
        } finally {
            db.drop(database);
        }
    }

    private static void waitForSaves(InputStream output, int saves) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        int seen = 0;
        StringBuilder log = new StringBuilder();
        for (String line; seen < saves && (line = lines.readLine()) != null; ) {
            log.append(line).append('\n');
            if (line.startsWith("saved ")) {
                seen++;
            }
        }
        assertEquals(saves, seen, "the child stopped before saving:\n" + log);
        Thread drain = new Thread(() -> {
            try {
                output.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (Exception e) {
                // the child is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private void check(StorageSettings.DatabaseSettings database) throws Exception {
        StorageSettings.WebSettings web = new StorageSettings.WebSettings(false, "127.0.0.1", 8080,
                java.net.URI.create("http://127.0.0.1:8080"), "UUID", "tree_by_path", "tree_by_issn", false, "e", "");
        StorageSettings settings = new StorageSettings(dir.resolve("public"), dir.resolve("private"),
                dir.resolve("archive"), null, web, database, 1 << 20, new StorageSettings.ArchiveLimits(10, 1 << 20));
        try (Storage storage = Storage.open(settings, 2)) {
            for (Path root : new Path[] {settings.publicDir(), settings.privateDir()}) {
                Path incoming = root.resolve(LocalFileStore.INCOMING);
                try (var left = Files.list(incoming)) {
                    assertEquals(0, left.count(), "the start emptied " + incoming);
                }
                try (var walk = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        assertEquals(file.getFileName().toString(), key(file), "a file under a final name is whole");
                    }
                }
            }
            everyRecordHasItsFile(storage, "after the restart");
            OrphanSweeperTest.afterGrace(storage.files, storage.references).sweep();
            everyRecordHasItsFile(storage, "after a sweep past the grace period");
        }
    }

    private static void everyRecordHasItsFile(Storage storage, String when) throws Exception {
        for (int i = 0; i < 5; i++) {
            for (PublicationStore.Stored stored : storage.publications.search(Map.of("uuid", "u-" + i), 2)) {
                Path file = storage.files.path(stored.area(), stored.key());
                assertTrue(Files.isRegularFile(file), "record u-" + i + " has its file " + file + " " + when);
                assertEquals(stored.area(), PublicationStore.areaOf(stored.record().isPublic()));
                assertTrue(stored.area() == Area.PUBLIC || stored.area() == Area.PRIVATE);
            }
        }
    }

    private static String key(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest()) + "_" + Long.toHexString(size);
    }
}

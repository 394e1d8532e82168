package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locked, atomic writes of the passwd file: threads, an operator's flock(1), a rename that fails. */
class FtpPasswdFileTest {

    @TempDir
    Path dir;

    private FtpPasswdEntry entry(String name) {
        return new FtpPasswdEntry(name, "x", "2000", "2000", "", "/home/ftp/" + name, "/bin/false");
    }

    private void addLocked(FtpPasswdFile file, FtpLoginFileLock lock, String name) {
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            file.write(file.read().with(entry(name)));
        }
    }

    @Test
    void writesMode0600KeepsTheOwnerAndLeavesNoTemporaryFile() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        Files.writeString(path, "# kept\n");
        Files.setAttribute(path, "unix:uid", 108);
        Files.setAttribute(path, "unix:gid", 65534);
        FtpPasswdFile file = new FtpPasswdFile(path);
        file.write(file.read().with(entry("alice")));
        assertEquals("# kept\nalice:x:2000:2000::/home/ftp/alice:/bin/false\n", Files.readString(path));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(108, Files.getAttribute(path, "unix:uid"));
        assertEquals(65534, Files.getAttribute(path, "unix:gid"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList());
        }
    }

    @Test
    void concurrentWritersLoseNoChange() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        FtpPasswdFile file = new FtpPasswdFile(path);
        FtpLoginFileLock lock = new FtpLoginFileLock(path, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String name = "user" + i;
            // Half the writers have a lock object of their own, as a second process would.
            FtpLoginFileLock mine = i % 2 == 0 ? lock : new FtpLoginFileLock(path, Duration.ofSeconds(30));
            done.add(pool.submit(() -> addLocked(file, mine, name)));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(160, file.read().entries().size());
    }

    @Test
    void waitsForAnOperatorsFlockAndGivesUpAfterItsTimeout() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        FtpPasswdFile file = new FtpPasswdFile(path);
        Path lockFile = dir.resolve("ftpd.passwd.lock");
        Process operator = new ProcessBuilder("flock", lockFile.toString(), "-c", "echo held; sleep 1.5").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(operator.getInputStream()))) {
            assertEquals("held", out.readLine());
            FtpIOError busy = assertThrows(FtpIOError.class, () -> new FtpLoginFileLock(path, Duration.ofMillis(300)).acquire());
            assertTrue(busy.getMessage().contains("ftpd.passwd.lock has been locked by another process"), busy.getMessage());
            long start = System.nanoTime();
            addLocked(file, new FtpLoginFileLock(path, Duration.ofSeconds(30)), "alice");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited > 500, "waited for the operator's lock: " + waited + " ms");
            assertTrue(operator.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("alice"), file.read().entries().stream().map(FtpPasswdEntry::name).toList());
    }

    @Test
    void anOperatorsFlockWaitsWhileTheDaemonHoldsTheLock() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        FtpLoginFileLock lock = new FtpLoginFileLock(path, Duration.ofSeconds(30));
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            Process tryLock = new ProcessBuilder("flock", "--nonblock", lock.path().toString(), "true").start();
            assertEquals(1, tryLock.waitFor(), "flock -n fails while the daemon holds it");
        }
        assertEquals(0, new ProcessBuilder("flock", "--nonblock", lock.path().toString(), "true").start().waitFor());
    }

    @Test
    void aFailedRenameLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        String before = "alice:x:2000:2000::/home/ftp/alice:/bin/false\n";
        Files.writeString(path, before);
        FtpPasswdFile file = new FtpPasswdFile(path);
        // An immutable file cannot be renamed over, even by root: a real rename(2) failure (ext4, CAP_LINUX_IMMUTABLE).
        FtpTestFiles.immutable(path, true);
        try {
            FtpIOError failed = assertThrows(FtpIOError.class, () -> file.write(file.read().with(entry("bob"))));
            assertTrue(failed.getMessage().startsWith("cannot replace " + path), failed.getMessage());
            assertEquals("IOError", failed.wireName());
        } finally {
            FtpTestFiles.immutable(path, false);
        }
        assertEquals(before, Files.readString(path));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList());
        }
    }

    @Test
    void removesTheTemporaryFilesACrashLeft() throws Exception {
        Path path = dir.resolve("ftpd.passwd");
        Files.writeString(dir.resolve(".ftpd.passwd.123.tmp"), "half");
        Files.writeString(dir.resolve("other.tmp"), "not ours");
        new FtpPasswdFile(path).removeLeftovers();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("other.tmp")), files.toList());
        }
    }
}

package cz.edeposit.amqp.ltp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static cz.edeposit.amqp.ltp.ExportFixture.UUID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** LTP never sees half a package: on one file system, across two (a tmpfs), and when a package is replaced. */
class LtpAtomicExportTest {

    private static final Path TMPFS = Path.of("/dev/shm");

    @TempDir
    Path root;

    @Test
    void aWatcherPollingTheExportDirectoryNeverSeesAnIncompletePackage() throws Exception {
        ExportFixture fixture = new ExportFixture(Files.createDirectories(root.resolve("tmp")),
                Files.createDirectories(root.resolve("export")), 64L << 20);
        watchWhileExporting(fixture, 24 << 20);
    }

    @Test
    void fromATemporaryDirectoryOnAnotherFileSystemThePackageIsCopiedHiddenThenRenamed() throws Exception {
        assumeTrue(Files.isDirectory(TMPFS) && Files.isWritable(TMPFS), "the machine has no tmpfs at /dev/shm");
        Path temp = Files.createTempDirectory(TMPFS, "ltp-test-");
        try {
            Path export = Files.createDirectories(root.resolve("export"));
            assumeTrue(!Files.getFileStore(temp).equals(Files.getFileStore(export)), "/dev/shm is not another file system");
            ExportFixture fixture = new ExportFixture(temp, export, 64L << 20);
            watchWhileExporting(fixture, 24 << 20);
            assertEquals(List.of(), ExportFixture.names(temp), "nothing stays in TEMP_DIR");
            Path pkg = export.resolve("complete_" + UUID);
            assertEquals(LtpPackageTest.recomputedMd5Lines(pkg), Files.readString(pkg.resolve("MD5_" + UUID + ".md5")));
        } finally {
            PackageFiles.deleteTree(temp);
        }
    }

    @Test
    void aRepeatedExportReplacesThePackageAndLeavesNothingAside() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        byte[] first = ExportFixture.bytes(1000, 5);
        byte[] second = ExportFixture.bytes(2000, 6);
        fixture.handle(ExportFixture.request(UUID, first));
        fixture.handle(ExportFixture.request(UUID, second));
        assertEquals(List.of("complete_" + UUID), ExportFixture.names(fixture.export));
        assertArrayEquals(second, Files.readAllBytes(fixture.export.resolve("complete_" + UUID + "/original/oc_" + UUID + ".pdf")));
        assertEquals(List.of(), ExportFixture.names(fixture.temp));
    }

    @Test
    void leftoversOfACrashAreRemovedAtStartAndPackagesAndOthersFilesAreKept() throws Exception {
        ExportFixture fixture = ExportFixture.in(root);
        fixture.handle(ExportFixture.request(UUID, ExportFixture.bytes(10, 7)));
        Files.createDirectories(fixture.export.resolve(".complete_" + UUID + ".partial-1/original"));
        Files.createDirectories(fixture.export.resolve(".complete_" + UUID + ".old-2"));
        Files.createDirectories(fixture.export.resolve(".ltp-own-file"));
        Files.createDirectories(fixture.temp.resolve(LtpHandler.WORK_PREFIX + "123/" + UUID));
        Files.createDirectories(fixture.temp.resolve("someone-else"));
        Path config = Files.createDirectories(root.resolve("config"));
        Files.writeString(config.resolve("ltp.json"), "{\"TEMP_DIR\": \"" + fixture.temp + "\", \"EXPORT_DIR\": \""
                + fixture.export + "\"}");
        LtpHandler.create(new cz.edeposit.amqp.daemon.DaemonEnvironment(
                new cz.edeposit.amqp.settings.ConfigLocator(config, java.util.Map.of(), config), java.util.Map.of(), null, 1));
        assertEquals(List.of(".ltp-own-file", "complete_" + UUID), ExportFixture.names(fixture.export));
        assertEquals(List.of("someone-else"), ExportFixture.names(fixture.temp));
    }

    /** Exports a file of {@code size} bytes while another thread lists EXPORT_DIR and checks each package it sees. */
    private static void watchWhileExporting(ExportFixture fixture, int size) throws Exception {
        byte[] data = ExportFixture.bytes(size, 8);
        Path pkg = fixture.export.resolve("complete_" + UUID);
        AtomicReference<String> incomplete = new AtomicReference<>();
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        Thread export = new Thread(() -> fixture.handle(ExportFixture.request(UUID, data)));
        export.start();
        while (export.isAlive() || looks.get() == 0) {
            looks.incrementAndGet();
            for (String name : ExportFixture.names(fixture.export)) {
                if (!name.startsWith(".")) {
                    seen.incrementAndGet();
                    Path original = pkg.resolve("original/oc_" + UUID + ".pdf");
                    if (!Files.exists(pkg.resolve("info_" + UUID + ".xml")) || Files.size(original) != size) {
                        incomplete.compareAndSet(null, name + " after " + looks.get() + " looks");
                    }
                }
            }
        }
        export.join();
        assertNull(incomplete.get(), "an incomplete package was visible");
        assertTrue(looks.get() > 10, "the watcher looked " + looks.get() + " times");
        assertNotEquals(0, seen.get() + (Files.exists(pkg) ? 1 : 0));
        assertArrayEquals(data, Files.readAllBytes(pkg.resolve("original/oc_" + UUID + ".pdf")));
    }
}

package cz.edeposit.amqp.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceCreatesAMissingFileAndReplacesAnExistingOneLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.replace(target, bytes("first"));
        AtomicFiles.replace(target, bytes("second, longer than the first"));

        assertEquals("second, longer than the first", Files.readString(target));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void aConcurrentReaderSeesTheOldOrTheNewContentNeverAPart() throws Exception {
        Path target = dir.resolve("requests.xml");
        byte[] old = "a".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        byte[] fresh = "b".repeat(300_000).getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.replace(target, old);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.get() == null) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    if (!java.util.Arrays.equals(seen, old) && !java.util.Arrays.equals(seen, fresh)) {
                        torn.set("read " + seen.length + " bytes that are neither version");
                    }
                } catch (IOException e) {
                    torn.set(e.toString()); // the target must exist at every instant
                }
            }
        });
        reader.start();
        for (int i = 0; i < 50; i++) {
            AtomicFiles.replace(target, i % 2 == 0 ? fresh : old);
        }
        done.set(true);
        reader.join();

        assertNull(torn.get());
        assertArrayEquals(old, Files.readAllBytes(target));
    }

    @Test
    void replaceWithPermissionsGivesTheNewFileExactlyThemWhateverTheOldFileHad() throws IOException {
        Path target = dir.resolve("passwd");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));

        AtomicFiles.replace(target, bytes("new"), PosixFilePermissions.fromString("rw-------"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aFailedReplaceLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        // Renaming a file over a non-empty directory fails, even for root.
        Path target = dir.resolve("busy");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "kept");

        assertThrows(IOException.class, () -> AtomicFiles.replace(target, bytes("new")));

        assertEquals(List.of("busy"), names());
        assertEquals("kept", Files.readString(target.resolve("inside")));
    }

    @Test
    void removeLeftoversDeletesOnlyTheTemporaryFilesOfThatTarget() throws IOException {
        Path target = dir.resolve("db[1].json"); // glob characters are taken literally
        Files.writeString(target, "current");
        Files.writeString(dir.resolve(".db[1].json.1234.tmp"), "half");
        Files.writeString(dir.resolve(".db[1].json.5678.tmp"), "half");
        Files.writeString(dir.resolve(".other.json.1234.tmp"), "another file's");
        Files.writeString(dir.resolve("db[1].json.tmp"), "not ours: no leading dot");

        assertEquals(2, AtomicFiles.removeLeftovers(target));

        assertEquals(List.of(".other.json.1234.tmp", "db[1].json", "db[1].json.tmp"), names());
        assertEquals(0, AtomicFiles.removeLeftovers(target));
    }

    @Test
    void syncDirectoryRefusesAMissingDirectory() {
        assertThrows(IOException.class, () -> AtomicFiles.syncDirectory(dir.resolve("missing")));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

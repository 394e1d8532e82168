package cz.edeposit.amqp.calibre;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkDirTest {

    @TempDir
    Path temp;

    @Test
    void isPrivateAndNamedAfterThisProcess() throws Exception {
        try (WorkDir dir = WorkDir.create(temp)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
            assertTrue(dir.path().getFileName().toString().startsWith("edeposit-calibre-" + ProcessHandle.current().pid() + "-"));
        }
    }

    @Test
    void closeDeletesEverythingInsideButNotWhatALinkPointsTo() throws Exception {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "keep");
        WorkDir dir = WorkDir.create(temp);
        Files.createDirectories(dir.resolve("config").resolve("caches"));
        Files.writeString(dir.resolve("input.txt"), "x");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("dirlink"), temp);
        dir.close();
        assertFalse(Files.exists(dir.path()));
        assertEquals("keep", Files.readString(outside));
    }

    @Test
    void resolvesOnlyPlainNames() throws Exception {
        try (WorkDir dir = WorkDir.create(temp)) {
            assertEquals(dir.path().resolve("output.pdf"), dir.resolve("output.pdf"));
            assertThrows(IllegalArgumentException.class, () -> dir.resolve("../escape.pdf"));
            assertThrows(IllegalArgumentException.class, () -> dir.resolve("a/b.pdf"));
        }
    }

    @Test
    void sweepRemovesDirectoriesOfDeadDaemonsOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = Files.createDirectories(temp.resolve("edeposit-calibre-" + gone.pid() + "-123").resolve("tmp"));
        Path live = Files.createDirectory(temp.resolve("edeposit-calibre-" + ProcessHandle.current().pid() + "-456"));
        Path foreign = Files.createDirectory(temp.resolve("something-else"));

        assertEquals(1, WorkDir.sweepOrphans(temp));

        assertFalse(Files.exists(orphan.getParent()));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(foreign));
    }
}

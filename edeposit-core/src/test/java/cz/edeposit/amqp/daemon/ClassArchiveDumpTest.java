package cz.edeposit.amqp.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When this JVM disowns the class archive it dumps at exit: the marker the launcher reads (lib/class-cache.sh). */
class ClassArchiveDumpTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ClassArchiveDump.PROPERTY);
    }

    private Path dumping(String name) {
        Path archive = dir.resolve(name);
        System.setProperty(ClassArchiveDump.PROPERTY, archive.toString());
        return Path.of(archive + ".discard");
    }

    @Test
    void aCommandThatSucceededKeepsItsArchiveAndOneThatFailedDisownsIt() {
        Path ok = dumping("ok.jsa.1.partial");
        ClassArchiveDump.keepOnlyIfOk(ExitCodes.OK);
        assertFalse(Files.exists(ok));
        Path failed = dumping("failed.jsa.2.partial");
        ClassArchiveDump.keepOnlyIfOk(ExitCodes.CONFIG);
        assertTrue(Files.exists(failed));
    }

    @Test
    void aRunOfOnceOnlyWorkDisownsItsArchiveEvenWhenItSucceeds() {
        Path marker = dumping("once.jsa.3.partial");
        ClassArchiveDump.disown();
        ClassArchiveDump.keepOnlyIfOk(ExitCodes.OK);
        assertTrue(Files.exists(marker));
    }

    @Test
    void withoutAnArchiveToDumpNothingIsWritten() throws Exception {
        ClassArchiveDump.disown();
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}

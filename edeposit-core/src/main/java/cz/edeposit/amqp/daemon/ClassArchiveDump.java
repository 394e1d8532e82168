package cz.edeposit.amqp.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class archive that this JVM writes when it exits, if the launcher asked for one
 * ({@code edeposit-dist/src/main/layout/lib/class-cache.sh}), which a run unlike the runs after it disowns.
 * An archive holds the classes its run loaded, and every later start maps all of it (this JDK relocates
 * an archive, touching each page: docs/performance.md, "Where the memory of a C1 daemon goes"). A run
 * that failed (bad settings, say) loaded only the classes of its failure; a run that did once-only work
 * (storage's schema migration) loaded classes no later run needs. Either leaves a marker by which the
 * next launcher throws the archive away, and a later, ordinary run makes it anew.
 */
public final class ClassArchiveDump {

    /** The archive file this JVM dumps at exit ({@code -XX:ArchiveClassesAtExit}), as the launcher names it. */
    static final String PROPERTY = "edeposit.classArchive";

    private ClassArchiveDump() {
    }

    /** Marks this JVM's archive to be discarded unless the command ended with {@code exitCode} 0. */
    static void keepOnlyIfOk(int exitCode) {
        if (exitCode != ExitCodes.OK) {
            disown();
        }
    }

    /**
     * Marks this JVM's archive, if it writes one, to be discarded: this run loaded classes that later runs
     * will not (once-only work), and an archive with them would make every later start bigger.
     */
    public static void disown() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(archive + ".discard"));
            Files.createFile(Path.of(archive + ".discard"));
        } catch (IOException | RuntimeException e) {
            // No marker: the launcher keeps a poorer archive, which is slower or bigger, never wrong.
        }
    }
}

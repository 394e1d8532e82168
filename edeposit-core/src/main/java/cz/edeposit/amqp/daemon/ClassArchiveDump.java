package cz.edeposit.amqp.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class archive that this JVM writes when it exits, if the launcher asked for one
 * ({@code edeposit-dist/src/main/layout/lib/class-cache.sh}): a run that failed (bad settings,
 * say) loaded only the classes of its failure, and its archive would serve every later start
 * poorly, so it leaves a marker by which the next launcher throws the archive away.
 */
final class ClassArchiveDump {

    /** The archive file this JVM dumps at exit ({@code -XX:ArchiveClassesAtExit}), as the launcher names it. */
    static final String PROPERTY = "edeposit.classArchive";

    private ClassArchiveDump() {
    }

    /** Marks this JVM's archive to be discarded unless the command ended with {@code exitCode} 0. */
    static void keepOnlyIfOk(int exitCode) {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || exitCode == ExitCodes.OK) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(archive + ".discard"));
            Files.createFile(Path.of(archive + ".discard"));
        } catch (IOException | RuntimeException e) {
            // No marker: the launcher keeps a poorer archive, which is slower, never wrong.
        }
    }
}

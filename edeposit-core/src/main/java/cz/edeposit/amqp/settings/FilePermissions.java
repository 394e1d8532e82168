package cz.edeposit.amqp.settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check that a settings file holding a password is not readable by other users: those neither
 * its owner nor in its group (docs/operations.md installs such files 0640, owner root, group edeposit,
 * so that the daemons' group reads them).
 */
final class FilePermissions {

    private static final Logger LOG = LoggerFactory.getLogger(FilePermissions.class);

    private FilePermissions() {
    }

    /**
     * The one-line warning naming {@code file} when it holds {@code secrets} and its other-users
     * read bit is set; empty otherwise. The group read bit is how the daemons' group reads the file. A file system without POSIX permissions is not judged.
     *
     * <p>The caller logs it with {@link #warn} once the settings have loaded cleanly, so the warning
     * never comes before the error that stops the command.
     */
    static Optional<String> warningIfSecretsAreReadableByOthers(Path file, List<String> secrets) {
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.of(file + " holds a password (" + String.join(", ", secrets) + ") and is readable by other users ("
                    + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod o-rwx " + file
                    + " (the daemons read it through its group: mode 0640, owner root, group edeposit, as docs/operations.md installs it)");
        }
        return Optional.empty();
    }

    /** Logs a warning of {@link #warningIfSecretsAreReadableByOthers}. */
    static void warn(String warning) {
        LOG.warn("{}", warning);
    }
}

package cz.edeposit.amqp.settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** The check that a settings file holding a password is not readable by other users. */
final class FilePermissions {

    private static final Logger LOG = LoggerFactory.getLogger(FilePermissions.class);

    private FilePermissions() {
    }

    /**
     * Logs a warning naming {@code file} when it holds {@code secrets} and its group or other read
     * bit is set. A file system without POSIX permissions is not judged.
     */
    static void warnIfSecretsAreReadableByOthers(Path file, List<String> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return;
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            LOG.warn("{} holds a password ({}) and is readable by other users ({}); restrict it with: chmod 600 {}",
                    file, String.join(", ", secrets), PosixFilePermissions.toString(permissions), file);
        }
    }
}

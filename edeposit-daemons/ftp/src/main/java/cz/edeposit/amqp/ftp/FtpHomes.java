package cz.edeposit.amqp.ftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The users' homes in DATA_PATH: made with the lock file in them (mode 0775, owner PROFTPD_USER, group
 * PROFTPD_USERS_GID, so that the FTP account, whose uid and gid are PROFTPD_USERS_GID, writes through its group),
 * and deleted without ever following a symbolic link ({@link FtpTreeDeletion}).
 */
final class FtpHomes {

    /** A home on its way out: renamed in DATA_PATH first, so the removal can be undone until the entry is gone. */
    static final String REMOVED_PREFIX = ".removed-";

    static final String LOCK_TEXT = """
            Smažte tento soubor, až nahrajete všechny soubory: tím začne jejich import do systému E-deposit.
            Delete this file once you have uploaded all your files: this starts their import into E-deposit.
            """;

    private static final Logger LOG = LoggerFactory.getLogger(FtpHomes.class);

    private final Path dataPath;
    private final String lockFilename;
    private final UserPrincipal owner;
    private final int gid;

    FtpHomes(Path dataPath, String lockFilename, UserPrincipal owner, int gid) {
        this.dataPath = dataPath;
        this.lockFilename = lockFilename;
        this.owner = owner;
        this.gid = gid;
    }

    /** The home of a valid user name: a child of DATA_PATH. */
    Path home(String username) {
        Path home = dataPath.resolve(username).normalize();
        if (!dataPath.equals(home.getParent())) {
            throw new IllegalArgumentException("'" + username + "' does not name a directory in " + dataPath);
        }
        return home;
    }

    /**
     * Makes the home of {@code username} with its lock file; an existing home (left by a change that did not
     * finish) is kept, with its owner, group and mode set again.
     *
     * @return whether the home was made now (and so is to be deleted if the change fails)
     */
    boolean create(String username) {
        Path home = home(username);
        boolean made = false;
        try {
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FtpIOError(home + " exists and is not a directory (a symbolic link?); move it away first");
                }
                LOG.warn("{} exists already (a removal or an AddUser that did not finish?): kept, with what is in it", home);
            } else {
                Files.createDirectory(home);
                made = true;
            }
            own(home, "rwxrwxr-x");
            Path lock = home.resolve(lockFilename);
            Files.deleteIfExists(lock); // a link the user put there is removed, never written through
            try (OutputStream out = Files.newOutputStream(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(LOCK_TEXT.getBytes(StandardCharsets.UTF_8));
            }
            own(lock, "rw-rw-r--");
            return made;
        } catch (IOException e) {
            if (made) {
                deleteQuietly(home);
            }
            throw new FtpIOError("cannot make the home " + home + ": " + e, e);
        }
    }

    private void own(Path path, String mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(PosixFilePermissions.fromString(mode));
    }

    /**
     * Renames the home of {@code username} aside in DATA_PATH, so that its removal can still be undone.
     *
     * @return the new name, or null when there is no home
     */
    Path setAside(String username) {
        Path home = home(username);
        if (!Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path aside = dataPath.resolve(REMOVED_PREFIX + username + "-" + UUID.randomUUID());
        try {
            return Files.move(home, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FtpIOError("cannot move " + home + " aside to remove it: " + e, e);
        }
    }

    /** Undoes {@link #setAside}. */
    void restore(Path aside, String username) {
        try {
            Files.move(aside, home(username), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot move {} back to {}: {}; move it by hand", aside, home(username), e.toString());
        }
    }

    /** Deletes {@code dir} of DATA_PATH and everything in it, never following a link; failures are logged. */
    void deleteQuietly(Path dir) {
        try {
            FtpTreeDeletion.delete(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete all of {}: {}; it is deleted again at the next start", dir, e.toString());
        }
    }

    /**
     * Finishes what removals that did not finish set aside (a crash between the steps): a home whose user is still in
     * the passwd file goes back (the removal did not happen), any other is deleted.
     */
    void removeLeftovers(Set<String> users) {
        List<Path> aside = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataPath, REMOVED_PREFIX + "*")) {
            dirs.forEach(aside::add);
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dataPath, e.toString());
        }
        for (Path dir : aside) {
            String name = dir.getFileName().toString();
            // .removed-<user>-<36 characters of a UUID>
            String user = name.length() > REMOVED_PREFIX.length() + 37
                    ? name.substring(REMOVED_PREFIX.length(), name.length() - 37) : "";
            if (users.contains(user) && !Files.exists(home(user), LinkOption.NOFOLLOW_LINKS)) {
                LOG.warn("moving {} back to {}: the RemoveUser that set it aside did not finish and {} is still a user",
                        dir, home(user), user);
                restore(dir, user);
            } else {
                LOG.warn("deleting {}, left by a RemoveUser that did not finish", dir);
                deleteQuietly(dir);
            }
        }
    }
}

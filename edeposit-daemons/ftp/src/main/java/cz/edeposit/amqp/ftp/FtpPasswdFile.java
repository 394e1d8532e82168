package cz.edeposit.amqp.ftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ProFTPD's passwd file on disk. Reads need no lock, since every write replaces the whole file at once: a
 * temporary file in the same directory (mode 0600, the old file's owner and group), written, fsynced and renamed
 * over the old one, then the directory fsynced. Writes are made while holding {@link FtpLoginFileLock}.
 */
final class FtpPasswdFile {

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(FtpPasswdFile.class);

    private final Path file;

    FtpPasswdFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The file's content; a missing file is an empty one. Lines it does not understand are logged (and kept). */
    FtpPasswd read() {
        FtpPasswd passwd = read(FtpPasswd::parse, FtpPasswd.EMPTY);
        passwd.notUnderstood().forEach(this::warn);
        return passwd;
    }

    /** The account names in file order, without the rest of the file (FtpPasswdLines says why); logged as {@link #read()}. */
    List<String> names() {
        return read(in -> FtpPasswd.names(in, this::warn), List.of());
    }

    /** The first account named {@code name}, without the rest of the file (FtpPasswdLines says why); logged as {@link #read()}. */
    Optional<FtpPasswdEntry> find(String name) {
        return read(in -> FtpPasswd.find(in, name, this::warn), Optional.empty());
    }

    private interface Parser<T> {
        T parse(InputStream in) throws IOException;
    }

    private <T> T read(Parser<T> parser, T missing) {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in);
        } catch (NoSuchFileException e) {
            return missing;
        } catch (CharacterCodingException e) {
            // Written back, a replaced byte would change a line the daemon does not own: refuse instead.
            throw new FtpIOError(file + " is not UTF-8 text (a line edited by hand in another encoding?): fix that line", e);
        } catch (IOException e) {
            throw new FtpIOError("cannot read " + file + ": " + e, e);
        }
    }

    private void warn(String notUnderstood) {
        LOG.warn("{} {} is not name:hash:uid:gid:gecos:home:shell; kept as it is", file, notUnderstood);
    }

    /**
     * Replaces the file by {@code passwd}, atomically; the caller holds the lock.
     *
     * @throws FtpIOError when it could not, the old file being then still in place
     */
    void write(FtpPasswd passwd) {
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(MODE));
            Files.setPosixFilePermissions(temp, MODE); // whatever the umask
            copyOwner(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(passwd.format().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new FtpIOError("cannot replace " + file + ": " + e + "; it was not changed", e);
        } finally {
            deleteQuietly(temp);
        }
        syncDirectory();
    }

    /** Deletes the temporary files a crash left behind; the caller holds the lock. */
    void removeLeftovers() {
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), prefix + "*.tmp")) {
            for (Path leftover : files) {
                LOG.warn("deleting {}, left by a change that did not finish", leftover);
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new FtpIOError("cannot clean " + file.getParent() + ": " + e, e);
        }
    }

    private void copyOwner(Path temp) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (!view.readAttributes().owner().equals(old.owner())) {
            view.setOwner(old.owner());
        }
        if (!view.readAttributes().group().equals(old.group())) {
            view.setGroup(old.group());
        }
    }

    // The rename is durable only once the directory's entry is on disk.
    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.warn("cannot fsync {} after replacing {}: {}", file.getParent(), file.getFileName(), e.toString());
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", temp, e.toString());
            }
        }
    }
}

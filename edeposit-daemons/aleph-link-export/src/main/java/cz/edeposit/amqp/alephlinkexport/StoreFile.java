package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.files.AtomicFiles;
import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The store, {@code DATABASE_FN}: one JSON object under {@code DATABASE_KEY}, replaced atomically on
 * every change. The process that opens it holds a lock on {@code DATABASE_FN.lock} until it closes it
 * (or dies), so that two daemons never share one store. The JSON itself: {@link StoreJson}.
 */
final class StoreFile implements AutoCloseable {

    /** Marks a store as this daemon's; a file without it is not read, let alone replaced. */
    static final String FORMAT = "edeposit-aleph-link-export/1";

    private final Path file;
    private final String key;
    private final FileChannel lockChannel;

    private StoreFile(Path file, String key, FileChannel lockChannel) {
        this.file = file;
        this.key = key;
        this.lockChannel = lockChannel;
    }

    /** Locks the store of {@code file}; another process (or store) holding it is a ConfigException. */
    static StoreFile open(Path file, String key) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException(AlephLinkExportSettings.FILE + ": DATABASE_FN " + file + " is in use by another"
                    + " process (it holds " + lockFile + "); stop it, or give each daemon a DATABASE_FN of its own");
        }
        return new StoreFile(file, key, channel);
    }

    /** The stored state; empty when there is no file yet. A file that is not this daemon's store is a ConfigException. */
    Optional<PendingState> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            PendingState state = StoreJson.read(Files.readAllBytes(file), key, FORMAT);
            if (state == null) {
                throw notOurs("it has no \"" + key + "\" object with \"format\": \"" + FORMAT + "\"");
            }
            return Optional.of(state);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw notOurs("it cannot be read as one: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Replaces the store with {@code state}, durably. */
    void write(PendingState state) throws IOException {
        AtomicFiles.replace(file, StoreJson.write(key, FORMAT, state));
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        lockChannel.close(); // releases the lock
    }

    private ConfigException notOurs(String why) {
        return new ConfigException(AlephLinkExportSettings.FILE + ": DATABASE_FN " + file + " is not a store of this daemon ("
                + why + "); move it away, or point DATABASE_FN at a new file");
    }

}

package cz.edeposit.amqp.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A daemon's PID file: one per daemon name (never per queue; docs/wire-protocol.md, defect D1), written atomically, and
 * judged stale when its process is gone or is not this daemon (defect D2).
 */
final class PidFile {

    private final Path path;
    private final String marker;

    /** @param marker text that the owner's command line contains (its main class) */
    PidFile(Path path, String marker) {
        this.path = path;
        this.marker = marker;
    }

    Path path() {
        return path;
    }

    /** The PID written in the file, if the file exists and holds a number. */
    OptionalLong read() {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.of(-1);
        }
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** The running process the file names, if it is alive and runs this daemon. */
    Optional<ProcessHandle> liveOwner() {
        OptionalLong pid = read();
        if (pid.isEmpty() || pid.getAsLong() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive).filter(this::runsThisDaemon);
    }

    /** Writes {@code pid} via a temporary file and a rename, so readers never see half a file. */
    void write(long pid) throws IOException {
        writeAtomically(path, pid + "\n");
    }

    /** Replaces {@code file} with {@code text} via a temporary file and a rename. */
    static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the file unless another process has taken it over meanwhile. */
    void deleteIfOwnedBy(long pid) {
        OptionalLong current = read();
        if (current.isPresent() && current.getAsLong() == pid) {
            delete();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A PID file we cannot remove is reported as stale by the next start; nothing else to do.
        }
    }

    private boolean runsThisDaemon(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            byte[] raw = Files.readAllBytes(cmdline);
            return new String(raw, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            // Without /proc we cannot tell; a live PID is then taken to be ours (the safe side for start).
            return process.info().commandLine().map(line -> line.contains(marker)).orElse(true);
        }
    }
}

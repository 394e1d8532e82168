package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code edeposit-<name>.state} next to the PID file: what the daemon is doing (connecting, waiting
 * for the broker and why, serving), so that a background {@code start} and {@code status} can say so.
 * Two lines: {@code <pid> <PHASE>} and the detail.
 */
final class StateFile {

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);

    /** What the file says. */
    record Entry(long pid, ServiceState state) {
    }

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Records {@code state}; a failure is logged, never thrown: the daemon serves without it. */
    void write(long pid, ServiceState state) {
        try {
            PidFile.writeAtomically(path, pid + " " + state.phase().name() + "\n" + oneLine(state.detail()) + "\n");
        } catch (IOException e) {
            log.warn("Could not write the state file {}: {}", path, e.toString());
        }
    }

    /** The recorded state, if the file exists and is well formed. */
    Optional<Entry> read() {
        try {
            String[] lines = Files.readString(path, StandardCharsets.UTF_8).split("\n", -1);
            String[] first = lines[0].split(" ", 2);
            return Optional.of(new Entry(Long.parseLong(first[0]),
                    new ServiceState(ServiceState.Phase.valueOf(first[1]), lines.length > 1 ? lines[1] : "")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void deleteIfOwnedBy(long pid) {
        if (read().map(entry -> entry.pid() == pid).orElse(true)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // A stale state file is ignored: readers check its PID against the PID file.
            }
        }
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}

package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code edeposit-<name>.state} next to the PID file: what the daemon is doing (connecting, waiting
 * for the broker and why, serving), and what it has done, so that a background {@code start} and
 * {@code status} can say so. Two lines, {@code <pid> <PHASE>} and the detail, then one
 * {@code <key> <value>} line each: {@code started <epoch ms>}, {@code served <n>}, {@code failed <n>}
 * and, after a failure, {@code last-error <epoch ms> <exception_name>: <message>}.
 */
final class StateFile {

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);
    private static final String STARTED = "started";
    private static final String SERVED = "served";
    private static final String FAILED = "failed";
    private static final String LAST_ERROR = "last-error";

    /** What the file says; the activity is empty in a file without it. */
    record Entry(long pid, ServiceState state, Optional<DaemonActivity> activity) {
    }

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Records {@code state} and {@code activity}; a failure is logged, never thrown: the daemon serves without it. */
    void write(long pid, ServiceState state, DaemonActivity activity) {
        StringBuilder text = new StringBuilder()
                .append(pid).append(' ').append(state.phase().name()).append('\n')
                .append(oneLine(state.detail())).append('\n')
                .append(STARTED).append(' ').append(activity.started().toEpochMilli()).append('\n')
                .append(SERVED).append(' ').append(activity.served()).append('\n')
                .append(FAILED).append(' ').append(activity.failed()).append('\n');
        activity.lastError().ifPresent(error -> text.append(LAST_ERROR).append(' ').append(error.at().toEpochMilli())
                .append(' ').append(oneLine(error.text())).append('\n'));
        try {
            PidFile.writeAtomically(path, text.toString());
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
                    new ServiceState(ServiceState.Phase.valueOf(first[1]), lines.length > 1 ? lines[1] : ""),
                    activity(lines)));
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

    private static Optional<DaemonActivity> activity(String[] lines) {
        Map<String, String> values = new HashMap<>();
        for (int i = 2; i < lines.length; i++) {
            String[] pair = lines[i].split(" ", 2);
            if (pair.length == 2) {
                values.put(pair[0], pair[1]);
            }
        }
        if (!values.containsKey(STARTED)) {
            return Optional.empty();
        }
        Optional<DaemonActivity.LastError> lastError = Optional.ofNullable(values.get(LAST_ERROR))
                .map(value -> value.split(" ", 2))
                .map(at -> new DaemonActivity.LastError(Instant.ofEpochMilli(Long.parseLong(at[0])),
                        at.length > 1 ? at[1] : ""));
        return Optional.of(new DaemonActivity(Instant.ofEpochMilli(Long.parseLong(values.get(STARTED))),
                Long.parseLong(values.getOrDefault(SERVED, "0")), Long.parseLong(values.getOrDefault(FAILED, "0")),
                lastError));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}

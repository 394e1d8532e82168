package cz.edeposit.amqp.antivirus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code freshclam} once, into clamd's database directory, and reports how it went. */
final class Freshclam {

    /** A freshclam log is a few dozen lines; a runaway one is cut to keep the reply small. */
    private static final int MAX_OUTPUT = 32 * 1024;

    private final Path executable;
    private final Path config;
    private final Path databaseDir;
    private final Duration timeout;

    /**
     * @param config freshclam's configuration file, or null for its default
     */
    Freshclam(Path executable, Path config, Path databaseDir, Duration timeout) {
        this.executable = executable;
        this.config = config;
        this.databaseDir = databaseDir;
        this.timeout = timeout;
    }

    /** Whether there is something to run. */
    boolean installed() {
        return Files.isRegularFile(executable) && Files.isExecutable(executable);
    }

    /** The command line, for the log. */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--stdout", "--datadir=" + databaseDir));
        if (config != null) {
            command.add("--config-file=" + config);
        }
        return command;
    }

    /**
     * Runs freshclam and returns its output; the update worked when {@code succeeded}.
     * freshclam exits 0 both when it downloaded something and when all was current.
     */
    Outcome run() throws IOException, InterruptedException {
        Path output = Files.createTempFile("edeposit-freshclam", ".log");
        try {
            // A file rather than a pipe: no reader thread, and no dead-lock on a chatty freshclam.
            Process process = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String text = tail(new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
            if (!ended) {
                return new Outcome(false, text, "did not finish within " + timeout.toSeconds() + " s (FRESHCLAM_TIMEOUT)");
            }
            int status = process.exitValue();
            return new Outcome(status == 0, text, "exit status " + status);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(String text) {
        return text.length() <= MAX_OUTPUT ? text.strip() : "[...]\n" + text.substring(text.length() - MAX_OUTPUT).strip();
    }

    /** One run: whether it worked, what freshclam printed, and how it ended. */
    record Outcome(boolean succeeded, String output, String ending) {
    }
}

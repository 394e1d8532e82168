package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code start} without {@code -f} in a JVM started without the shell launcher ({@code java -cp ...},
 * as in the tests; the launcher runs the daemon in its one JVM instead, {@link DetachedStart}): a JVM
 * cannot fork, so it starts a detached child JVM running {@code start --foreground} with this JVM's
 * options and its output appended to the log file (never /dev/null; docs/wire-protocol.md, defect D6),
 * and waits until the child's state file says it consumes, reporting meanwhile why it waits for the
 * broker, if it does. It checks the settings while the child's JVM boots and ends the child if they
 * are bad.
 */
final class BackgroundLauncher {

    private static final long POLL_MILLIS = 50;
    private static final long STOP_SECONDS = 10;
    private static final Set<PosixFilePermission> LOG_FILE_MODE = PosixFilePermissions.fromString("rw-r-----");

    private final DaemonSpec spec;
    private final DaemonRun run;
    private final Map<String, String> env;
    private final PrintWriter err;

    BackgroundLauncher(DaemonSpec spec, DaemonRun run, Map<String, String> env, PrintWriter err) {
        this.spec = spec;
        this.run = run;
        this.env = env;
        this.err = err;
    }

    int launch() throws IOException, InterruptedException {
        Path logFile = run.logFile();
        long logStart;
        Process child;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            createPrivately(logFile);
            child = startChild(logFile);
        } catch (IOException e) {
            checkSettings(); // bad settings are reported first, as when they were checked before the start
            throw e;
        }
        // Bad settings fail the start with their one-line error, as before, but the check now runs
        // while the child's JVM boots instead of delaying it (docs/performance.md, Start-up).
        try {
            checkSettings();
        } catch (RuntimeException | Error e) {
            stop(child);
            throw e;
        }
        return await(child, run.stateFile(spec), logFile, logStart);
    }

    /**
     * Creates a missing log file as {@code rw-r-----}: the log names hosts, users, files and
     * publishers' requests, which are no business of other local users (an existing file keeps its mode).
     */
    static void createPrivately(Path logFile) throws IOException {
        try {
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(LOG_FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            // appended to, as before
        } catch (UnsupportedOperationException e) {
            if (!Files.exists(logFile)) {
                Files.createFile(logFile); // no POSIX permissions on this file system
            }
        }
    }

    private void checkSettings() {
        var amqp = run.loadSettings(env);
        if (!spec.host().isEmpty()) { // a suite has none: its daemons' are checked as it starts them
            amqp.host(spec.host());
        }
    }

    private Process startChild(Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(childCommand());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        // Under a Type=notify unit, the child says READY=1 with MAINPID= itself, and then owns the watchdog.
        if (String.valueOf(ProcessHandle.current().pid()).equals(env.get("WATCHDOG_PID"))) {
            builder.environment().remove("WATCHDOG_PID");
        }
        return builder.start();
    }

    /** Ends a child that must not run (it would fail on the same settings), and waits for it. */
    private static void stop(Process child) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
    }

    /** Polls the child's state file: reports each new reason it waits for the broker, and its start. */
    private int await(Process child, StateFile stateFile, Path logFile, long logStart)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + run.startTimeout().toNanos();
        String reported = null;
        while (System.nanoTime() < deadline) {
            Optional<ServiceState> state = stateFile.read().filter(entry -> entry.pid() == child.pid())
                    .map(StateFile.Entry::state);
            if (state.isPresent() && state.get().phase() == ServiceState.Phase.SERVING && child.isAlive()) {
                err.println("started with pid " + child.pid());
                err.flush();
                return ExitCodes.OK;
            }
            if (state.isPresent() && !state.get().detail().isEmpty() && !state.get().detail().equals(reported)) {
                reported = state.get().detail();
                err.println("waiting for RabbitMQ: " + reported);
                err.flush();
            }
            if (!child.isAlive()) {
                return reportFailure(child.exitValue(), logFile, logStart);
            }
            Thread.sleep(POLL_MILLIS);
        }
        long startSeconds = run.startTimeout().toSeconds();
        if (reported != null) {
            err.printf("%s (pid %d) is still waiting for RabbitMQ after %d s; it keeps trying in the"
                            + " background (stop it with: %s stop); see %s%n", spec.command(), child.pid(),
                    startSeconds, spec.command(), logFile);
        } else {
            err.printf("%s (pid %d) did not start consuming within %d s; it keeps trying, see %s%n",
                    spec.command(), child.pid(), startSeconds, logFile);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    private int reportFailure(int exitCode, Path logFile, long logStart) throws IOException {
        err.printf("%s failed to start (exit %d):%n", spec.command(), exitCode);
        for (String line : tail(logFile, logStart, 10)) {
            err.println("  " + line);
        }
        err.println("Full log: " + logFile);
        err.flush();
        return exitCode == ExitCodes.CONFIG ? ExitCodes.CONFIG : ExitCodes.FAILURE;
    }

    /** The JVM, options and class path of this one, running {@code start --foreground}. */
    private List<String> childCommand() {
        List<String> line = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            line.add("/usr/bin/setsid"); // a session of its own: no SIGHUP when the terminal closes
        }
        line.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp")) {
                line.add(option);
            }
        }
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(spec.mainClass().getName());
        line.add("start");
        line.add("--foreground");
        line.addAll(run.givenOptions());
        return line;
    }

    /** The last {@code maxLines} lines of {@code file} after its first {@code from} bytes (of its last 64 KiB). */
    static List<String> tail(Path file, long from, int maxLines) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(from, raf.length() - 64 * 1024);
            raf.seek(start);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.readFully(bytes);
            List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
        }
    }
}

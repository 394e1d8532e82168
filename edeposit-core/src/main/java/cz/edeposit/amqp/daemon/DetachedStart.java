package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.ConfigException;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code start} without {@code -f} from the shell launcher ({@code lib/launcher.sh}), which starts
 * this JVM in a session of its own with its output on a pipe to the terminal and the directory
 * {@value #REPORT} names: the daemon runs in this JVM at once, with its log in the log file, and
 * reports on the pipe what a launching JVM reported before ({@link BackgroundLauncher}: the warnings
 * of its log, why it waits for the broker, {@code started with pid N}, the time-out, or why it failed
 * to start). Once started (or timed out, still trying) it writes its exit status for the launcher
 * to {@code REPORT/status} and points its own standard output and error at the log file, which
 * closes the pipe: the launcher exits, and the daemon runs on.
 */
final class DetachedStart {

    /** The launcher's private directory for the status; set only when the launcher reads the pipe. */
    static final String REPORT = "EDEPOSIT_START_REPORT";

    private static final long POLL_MILLIS = 20;

    private final DaemonSpec spec;
    private final DaemonRun run;
    private final Path report;
    private final PrintWriter terminal;
    private final Callable<Integer> daemon;
    private final Object lock = new Object();
    private boolean over;

    /**
     * @param terminal where the launcher's pipe is (picocli's standard error, taken before this JVM's
     *                 {@code System.err} is the log)
     * @param daemon   runs the daemon in this JVM until it stops ({@link ForegroundRunner}, {@link SuiteRunner})
     */
    DetachedStart(DaemonSpec spec, DaemonRun run, Path report, PrintWriter terminal, Callable<Integer> daemon) {
        this.spec = spec;
        this.run = run;
        this.report = report;
        this.terminal = terminal;
        this.daemon = daemon;
    }

    int run() throws Exception {
        Path logFile = run.logFile();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
        BackgroundLauncher.createPrivately(logFile);
        PrintStream pipe = System.err;
        // Java's standard streams, and logback's console appender, which looks System.out up at every
        // call, write to the log from now on; the JVM's own descriptors follow once it started.
        PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, Charset.defaultCharset());
        System.setOut(log);
        System.setErr(log);
        TerminalEcho echo = TerminalEcho.to(pipe);
        Thread reporter = new Thread(() -> report(echo, logFile), "edeposit-start-report");
        reporter.setDaemon(true);
        reporter.start();
        int exitCode;
        try {
            exitCode = daemon.call();
        } catch (Exception e) {
            if (!failedBeforeStarted(echo)) {
                throw e;
            }
            int code = ExitCodes.report(spec.command(), e, new PrintWriter(log, true));
            if (e instanceof ConfigException || e instanceof CommandFailure) {
                throw e; // its own lines on the terminal, as from the launching JVM's settings check before
            }
            return reportFailure(code, logFile, logStart);
        }
        return failedBeforeStarted(echo) ? reportFailure(exitCode, logFile, logStart) : exitCode;
    }

    /** True when the daemon ended before it was reported started or timed out: then the terminal hears why. */
    private boolean failedBeforeStarted(TerminalEcho echo) {
        synchronized (lock) {
            if (over) {
                return false;
            }
            over = true;
            echo.close();
            return true;
        }
    }

    /** Polls this JVM's state file: reports each new reason it waits for the broker, and its start. */
    private void report(TerminalEcho echo, Path logFile) {
        long pid = ProcessHandle.current().pid();
        StateFile stateFile = run.stateFile(spec);
        long deadline = System.nanoTime() + run.startTimeout().toNanos();
        String reported = null;
        try {
            while (System.nanoTime() < deadline) {
                Optional<ServiceState> state = stateFile.read().filter(entry -> entry.pid() == pid)
                        .map(StateFile.Entry::state);
                synchronized (lock) {
                    if (over) {
                        return;
                    }
                    if (state.isPresent() && state.get().phase() == ServiceState.Phase.SERVING) {
                        over = true;
                        echo.close();
                        terminal.println("started with pid " + pid);
                        detach(ExitCodes.OK, logFile);
                        return;
                    }
                    if (state.isPresent() && !state.get().detail().isEmpty() && !state.get().detail().equals(reported)) {
                        reported = state.get().detail();
                        terminal.println("waiting for RabbitMQ: " + reported);
                        terminal.flush();
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        synchronized (lock) {
            if (over) {
                return;
            }
            over = true;
            echo.close();
            long startSeconds = run.startTimeout().toSeconds();
            if (reported != null) {
                terminal.printf("%s (pid %d) is still waiting for RabbitMQ after %d s; it keeps trying in the"
                                + " background (stop it with: %s stop); see %s%n", spec.command(), pid,
                        startSeconds, spec.command(), logFile);
            } else {
                terminal.printf("%s (pid %d) did not start consuming within %d s; it keeps trying, see %s%n",
                        spec.command(), pid, startSeconds, logFile);
            }
            detach(ExitCodes.FAILURE, logFile);
        }
    }

    /** Leaves the launcher its exit status, then closes the pipe, on which it waits. */
    private void detach(int status, Path logFile) {
        terminal.flush();
        try {
            Files.writeString(report.resolve("status"), status + "\n");
        } catch (IOException e) {
            // the launcher is gone (its directory with it): nobody waits for the status
        }
        OutputRedirect.toLog(logFile);
    }

    private int reportFailure(int exitCode, Path logFile, long logStart) throws IOException {
        terminal.printf("%s failed to start (exit %d):%n", spec.command(), exitCode);
        for (String line : BackgroundLauncher.tail(logFile, logStart, 10)) {
            terminal.println("  " + line);
        }
        terminal.println("Full log: " + logFile);
        terminal.flush();
        return exitCode == ExitCodes.CONFIG ? ExitCodes.CONFIG : ExitCodes.FAILURE;
    }
}

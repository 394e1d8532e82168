package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The four actions, with the original's texts and its defects D2 and D3 (docs/wire-protocol.md) fixed. */
final class Lifecycle {

    static final String ALREADY_RUNNING = "It looks like a daemon is already running!";
    static final String NOTHING_TO_STOP = "There is no running instance to be stopped.";

    private final DaemonSpec spec;
    private final DaemonRun run;
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final SuiteSpec suite;
    private final List<DaemonSpec> chosen;

    Lifecycle(DaemonSpec spec, DaemonRun run, Map<String, String> env, PrintWriter out, PrintWriter err) {
        this(spec, run, env, out, err, null, List.of());
    }

    /** For a suite ({@code spec} its {@link SuiteSpec#asDaemon()}), which runs the {@code chosen} daemons. */
    Lifecycle(DaemonSpec spec, DaemonRun run, Map<String, String> env, PrintWriter out, PrintWriter err,
              SuiteSpec suite, List<DaemonSpec> chosen) {
        this.spec = spec;
        this.run = run;
        this.env = env;
        this.out = out;
        this.err = err;
        this.suite = suite;
        this.chosen = List.copyOf(chosen);
    }

    /** Does what {@link DaemonRun#action()} says and returns the exit status. */
    int perform() throws Exception {
        return switch (run.action()) {
            case start -> start();
            case stop -> stop();
            case restart -> restart();
            case status -> status();
        };
    }

    int start() throws Exception {
        PidFile pidFile = run.pidFile(spec);
        if (pidFile.liveOwner().isPresent()) {
            out.println(ALREADY_RUNNING);
            out.flush();
            return ExitCodes.FAILURE;
        }
        String report = env.get(DetachedStart.REPORT);
        if (run.foreground() || report == null) {
            return run.foreground() ? runHere(env) : new BackgroundLauncher(spec, run, env, err).launch();
        }
        // From the shell launcher: this JVM is the daemon's (DetachedStart), and the variable is used up.
        Map<String, String> daemonEnv = new HashMap<>(env);
        daemonEnv.remove(DetachedStart.REPORT);
        return new DetachedStart(spec, run, Path.of(report), err, () -> runHere(daemonEnv)).run();
    }

    /** Runs the daemon, or the suite's daemons, in this JVM until it stops. */
    private int runHere(Map<String, String> daemonEnv) throws Exception {
        return suite != null ? new SuiteRunner(suite, chosen, run, daemonEnv).run()
                : new ForegroundRunner(spec, run, daemonEnv).run();
    }

    int stop() throws InterruptedException {
        PidFile pidFile = run.pidFile(spec);
        Optional<ProcessHandle> owner = pidFile.liveOwner();
        if (owner.isEmpty()) {
            pidFile.delete();
            out.println(NOTHING_TO_STOP);
            out.flush();
            return ExitCodes.OK;
        }
        ProcessHandle process = owner.get();
        process.destroy();
        long stopSeconds = run.stopTimeout().toSeconds();
        try {
            process.onExit().get(stopSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            err.printf("%s (pid %d) did not exit within %d s; it may still be finishing a request "
                    + "(raise --stop-timeout, or kill it with: kill -9 %d)%n",
                    spec.command(), process.pid(), stopSeconds, process.pid());
            return ExitCodes.FAILURE;
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit() never completes exceptionally; the process is gone either way.
        }
        pidFile.deleteIfOwnedBy(process.pid());
        return ExitCodes.OK;
    }

    int restart() throws Exception {
        if (run.pidFile(spec).liveOwner().isPresent()) {
            int stopped = stop();
            if (stopped != ExitCodes.OK) {
                return stopped;
            }
        }
        return start();
    }

    int status() {
        Optional<ProcessHandle> owner = run.pidFile(spec).liveOwner();
        if (owner.isPresent()) {
            long pid = owner.get().pid();
            Optional<StateFile.Entry> entry = run.stateFile(spec).read().filter(e -> e.pid() == pid);
            String doing = entry.map(e -> describe(e.state())).orElse("");
            out.printf("%s is running (pid %d)%s%n", spec.command(), pid, doing);
            entry.flatMap(StateFile.Entry::activity)
                    .ifPresent(activity -> StatusLines.of(activity, Instant.now()).forEach(out::println));
            if (suite != null) {
                suiteStatus(pid);
            }
            out.flush();
            return ExitCodes.OK;
        }
        out.printf("%s is not running%n", spec.command());
        out.flush();
        return ExitCodes.NOT_RUNNING;
    }

    /** Under the suite's lines: each of its running daemons, what it does and its own counts. */
    private void suiteStatus(long pid) {
        for (DaemonSpec daemon : suite.daemons()) {
            SuiteRunner.memberState(run, suite, daemon).read().filter(e -> e.pid() == pid).ifPresent(entry -> {
                String doing = describe(entry.state());
                out.printf("  %s: %s%n", daemon.name(), doing.isEmpty() ? "serving" : doing.substring(2));
                entry.activity().ifPresent(activity ->
                        StatusLines.of(activity, Instant.now()).forEach(line -> out.println("  " + line)));
            });
        }
    }

    private static String describe(ServiceState state) {
        return switch (state.phase()) {
            case SERVING -> "";
            case CONNECTING -> ", connecting to RabbitMQ";
            case WAITING, RECONNECTING -> ", waiting for RabbitMQ: " + state.detail();
            case STOPPING -> ", stopping";
        };
    }
}

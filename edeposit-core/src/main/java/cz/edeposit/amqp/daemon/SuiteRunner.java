package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.metrics.MetricsEndpoint;
import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.systemd.ServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the daemons of a suite in this JVM until SIGTERM or SIGINT ({@link SuiteMember} each): the
 * suite's foreground mode, and what its background start runs ({@link DetachedStart}). As
 * {@link ForegroundRunner} for one daemon it keeps a PID file and a state file (the suite's: serving
 * once every daemon served; and one per daemon, {@code edeposit-SUITE-NAME.state}, for {@code status}),
 * tells systemd READY=1 once every daemon consumes, and beats the watchdog while no daemon is stuck;
 * with {@code --metrics-port} one endpoint serves every daemon's metrics and health. On a signal every
 * daemon stops at once, each answering the requests in hand.
 */
final class SuiteRunner {

    private static final Logger log = LoggerFactory.getLogger(SuiteRunner.class);

    /** How often the watchdog hears from the suite at most, as {@link ForegroundRunner}'s health period. */
    private static final Duration HEALTH_PERIOD = Duration.ofSeconds(5);

    private final SuiteSpec suite;
    private final List<DaemonSpec> chosen;
    private final DaemonRun run;
    private final Map<String, String> env;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<SuiteMember> members = new ArrayList<>();
    private StateRecorder recorder;
    private ServiceManager systemd;
    private ServiceState published;
    private boolean stopping;

    SuiteRunner(SuiteSpec suite, List<DaemonSpec> chosen, DaemonRun run, Map<String, String> env) {
        this.suite = suite;
        this.chosen = List.copyOf(chosen);
        this.run = run;
        this.env = env;
    }

    /** The state file of one daemon of {@code suite}, which {@code status} reads. */
    static StateFile memberState(DaemonRun run, SuiteSpec suite, DaemonSpec daemon) {
        return new StateFile(run.pidDir().resolve(RuntimePaths.fileName(suite.name() + "-" + daemon.name(), "state")));
    }

    int run() throws Exception {
        DaemonSpec self = suite.asDaemon();
        AmqpSettings amqp = run.loadSettings(env);
        long pid = ProcessHandle.current().pid();
        String names = chosen.stream().map(DaemonSpec::name).collect(Collectors.joining(", "));
        systemd = ServiceManager.fromEnvironment(env, pid, "serving " + chosen.size() + " daemon(s): " + names).orElse(null);
        Duration period = systemd == null || systemd.period().compareTo(HEALTH_PERIOD) > 0 ? HEALTH_PERIOD : systemd.period();
        PidFile pidFile = run.pidFile(self);
        if (pidFile.exists()) {
            log.warn("Removing stale PID file {} (its process is gone or is not {})", pidFile.path(), suite.command());
            pidFile.delete();
        }
        PidFile runMarker = run.runMarker(self);
        boolean afterCrash = runMarker.exists();
        if (afterCrash) {
            log.warn("{} did not stop in order last time ({} was left behind): until it stops in order, its daemons"
                    + " count their attempts at every request (docs/reliability.md)", suite.command(), runMarker.path());
        }
        List<StateRecorder> recorders = new ArrayList<>();
        List<StateFile> stateFiles = new ArrayList<>();
        MetricsEndpoint metrics = null;
        try {
            if (run.metricsPort() != null) {
                metrics = MetricsEndpoint.startForSuite(chosen.stream().map(DaemonSpec::name).toList(),
                        chosen.stream().filter(daemon -> daemon.producer() != null).map(DaemonSpec::name)
                                .collect(Collectors.toSet()), run.metricsAddress(), run.metricsPort());
            }
            for (DaemonSpec daemon : chosen) {
                RequestCounts counts = new RequestCounts(Clock.systemUTC());
                StateFile file = memberState(run, suite, daemon);
                stateFiles.add(file);
                StateRecorder memberRecorder = new StateRecorder(file, pid, counts);
                recorders.add(memberRecorder);
                AttemptStore attempts = AttemptStore.inDirectory(run.pidDir().resolve(
                        RuntimePaths.fileName(suite.name() + "-" + daemon.name(), "attempts")));
                DaemonReports reports = new DaemonReports(counts, memberRecorder,
                        metrics == null ? null : metrics.daemon(daemon.name()));
                SuiteMember member = new SuiteMember(daemon, run, env, amqp, connectionName(daemon), attempts, afterCrash,
                        period, reports, this::publish);
                member.prepare(); // a bad setting of one daemon stops the start, with its one line (exit 78)
                members.add(member);
            }
            amqp.warnIfPasswordFileIsReadable();
            pidFile.write(pid);
            runMarker.write(pid);
            StateFile stateFile = run.stateFile(self);
            stateFiles.add(stateFile);
            recorder = new StateRecorder(stateFile, pid, new RequestCounts(Clock.systemUTC()));
            recorders.add(recorder);
            publish();
            onSignals();
            log.info("{} starts {} daemon(s): {}", suite.command(), chosen.size(), names);
            members.forEach(SuiteMember::start);
            watch(period);
            log.info("{} stopped", suite.command());
            return ExitCodes.OK;
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            recorders.forEach(StateRecorder::close);
            // Not reached when the JVM is killed or halted: the run marker stays, as a daemon's.
            stateFiles.forEach(file -> file.deleteIfOwnedBy(pid));
            pidFile.deleteIfOwnedBy(pid);
            runMarker.deleteIfOwnedBy(pid);
        }
    }

    /** Until every daemon has stopped: beats the watchdog each period with the first daemon's problem. */
    private void watch(Duration period) throws InterruptedException {
        while (true) {
            boolean stopped = stopRequested.await(period.toNanos(), TimeUnit.NANOSECONDS);
            if (stopped) {
                for (SuiteMember member : members) {
                    member.await(run.drainTimeout().toMillis() + 10_000);
                }
                return;
            }
            if (systemd != null) {
                long now = System.nanoTime();
                systemd.beat(members.stream().map(member -> member.problem(now))
                        .filter(problem -> problem != null).findFirst().orElse(null));
            }
        }
    }

    /** The suite's phase from its daemons': serving when all serve, and why not otherwise; to the state file and systemd. */
    private synchronized void publish() {
        if (recorder == null) {
            return;
        }
        ServiceState next;
        List<SuiteMember> notServing = members.stream()
                .filter(member -> member.state().phase() != ServiceState.Phase.SERVING).toList();
        if (stopping) {
            next = new ServiceState(ServiceState.Phase.STOPPING, "");
        } else if (notServing.isEmpty()) {
            next = new ServiceState(ServiceState.Phase.SERVING, "");
        } else {
            String detail = notServing.stream().map(member -> member.spec().name() + ": "
                    + (member.state().detail().isEmpty() ? member.state().phase().name().toLowerCase(java.util.Locale.ROOT)
                    : member.state().detail())).collect(Collectors.joining("; "));
            boolean ready = members.stream().allMatch(SuiteMember::servedOnce);
            boolean connecting = notServing.stream().allMatch(member -> member.state().phase() == ServiceState.Phase.CONNECTING);
            next = new ServiceState(ready ? ServiceState.Phase.RECONNECTING
                    : connecting ? ServiceState.Phase.CONNECTING : ServiceState.Phase.WAITING, connecting && !ready ? "" : detail);
        }
        if (next.equals(published)) {
            return;
        }
        published = next;
        recorder.phase(next);
        if (systemd != null) {
            systemd.accept(next);
        }
        if (next.phase() == ServiceState.Phase.SERVING) {
            log.info("{} serves with every daemon: {}", suite.command(),
                    members.stream().map(member -> member.spec().name()).collect(Collectors.joining(", ")));
        }
    }

    /** SIGTERM and SIGINT stop every daemon at once, each on a thread of its own, each draining its requests. */
    private void onSignals() {
        sun.misc.SignalHandler stop = signal -> {
            log.info("Received SIG{}; every daemon of the suite finishes the requests in hand", signal.getName());
            synchronized (this) {
                stopping = true;
            }
            publish();
            for (SuiteMember member : members) {
                new Thread(member::stop, "edeposit-shutdown-" + member.spec().name()).start();
            }
            stopRequested.countDown();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
    }

    private String connectionName(DaemonSpec daemon) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            hostname = "localhost";
        }
        return daemon.command() + " in " + suite.command() + "@" + hostname + " pid " + ProcessHandle.current().pid();
    }
}

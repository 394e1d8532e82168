package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.metrics.MetricsEndpoint;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.rpc.RpcSupervisor;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.systemd.ServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs the daemon in this JVM until SIGTERM or SIGINT: the foreground mode, and what a background start
 * runs ({@link DetachedStart}, or the child JVM of {@link BackgroundLauncher}). It writes the PID file at once and keeps the state file current (waiting for the
 * broker, serving), which is how a background {@code start} knows what to report; under a systemd
 * {@code Type=notify} unit it tells systemd the same ({@link ServiceManager}).
 */
final class ForegroundRunner {

    private static final Logger log = LoggerFactory.getLogger(ForegroundRunner.class);

    /** How often the supervision loop checks for stuck workers, for /healthz (systemd may ask more often). */
    private static final Duration HEALTH_PERIOD = Duration.ofSeconds(5);

    private final DaemonSpec spec;
    private final DaemonRun daemonRun;
    private final Map<String, String> env;
    private final AtomicBoolean started = new AtomicBoolean();

    ForegroundRunner(DaemonSpec spec, DaemonRun run, Map<String, String> env) {
        this.spec = spec;
        this.daemonRun = run;
        this.env = env;
    }

    int run() throws Exception {
        if (spec.producer() != null) {
            return runProducer();
        }
        AmqpSettings amqp = daemonRun.loadSettings(env);
        HostSettings host = amqp.host(spec.host());
        ServiceManager systemd = ServiceManager.fromEnvironment(env, ProcessHandle.current().pid(),
                "consuming queue '" + host.inputQueue() + "' in vhost '" + host.vhost() + "' with "
                        + daemonRun.workers() + " worker(s)").orElse(null);
        PidFile pidFile = daemonRun.pidFile(spec);
        if (pidFile.exists()) {
            log.warn("Removing stale PID file {} (its process is gone or is not {})", pidFile.path(), spec.command());
            pidFile.delete();
        }
        RpcHandler handler = spec.handlers().create(
                new DaemonEnvironment(daemonRun.locator(), env, amqp, daemonRun.workers()));
        amqp.warnIfPasswordFileIsReadable(); // only now: never before the error that stops the start
        PidFile runMarker = daemonRun.runMarker(spec);
        boolean afterCrash = runMarker.exists();
        if (afterCrash) {
            log.warn("{} did not stop in order last time ({} was left behind): until it stops in order, it counts its"
                    + " attempts at every request, not only at redelivered ones, so that a request that killed it is"
                    + " given up after --max-attempts (docs/reliability.md)", spec.command(), runMarker.path());
        }
        RequestCounts counts = new RequestCounts(Clock.systemUTC());
        long pid = ProcessHandle.current().pid();
        StateFile stateFile = daemonRun.stateFile(spec);
        // Resources, so that a start that fails once the port is open (a PID file that cannot be written)
        // closes it too, as every other way out does.
        try (MetricsEndpoint metrics = daemonRun.metricsPort() == null ? null
                        : MetricsEndpoint.start(spec.name(), daemonRun.metricsAddress(), daemonRun.metricsPort());
                StateRecorder recorder = new StateRecorder(stateFile, pid, counts)) {
            pidFile.write(pid);
            runMarker.write(pid);
            DaemonReports reports = new DaemonReports(counts, recorder,
                    metrics == null ? null : metrics.daemon(spec.name()));
            RpcSupervisor supervisor = reports.supervisor(spec, daemonRun, amqp, connectionName(spec), handler,
                    AttemptStore.inDirectory(daemonRun.attemptsDirectory(spec)), afterCrash, state -> {
                        onState(reports, pid, state);
                        if (systemd != null) {
                            systemd.accept(state);
                        }
                    });
            if (systemd != null || metrics != null) {
                Duration period = systemd == null || systemd.period().compareTo(HEALTH_PERIOD) > 0
                        ? HEALTH_PERIOD : systemd.period();
                supervisor.beatEvery(period, stuck -> {
                    if (systemd != null) {
                        systemd.beat(stuck);
                    }
                    reports.beat(stuck);
                });
            }
            onSignals(supervisor);
            String failure = supervisor.run();
            if (failure != null) {
                log.error("{} stops because {}", spec.command(), failure);
                return ExitCodes.FAILURE;
            }
            log.info("{} stopped", spec.command());
            return ExitCodes.OK;
        } finally {
            // Not reached when the JVM is killed or halted, or exits on OutOfMemoryError: the marker stays.
            stateFile.deleteIfOwnedBy(pid);
            pidFile.deleteIfOwnedBy(pid);
            runMarker.deleteIfOwnedBy(pid);
        }
    }

    /** A daemon that consumes nothing: the same PID and state files, signals and metrics endpoint, around its own loop. */
    private int runProducer() throws Exception {
        AmqpSettings amqp = daemonRun.loadSettings(env);
        PidFile pidFile = daemonRun.pidFile(spec);
        if (pidFile.exists()) {
            log.warn("Removing stale PID file {} (its process is gone or is not {})", pidFile.path(), spec.command());
            pidFile.delete();
        }
        Producer producer = spec.producer().create(new DaemonEnvironment(daemonRun.locator(), env, amqp, 1));
        amqp.warnIfPasswordFileIsReadable();
        long pid = ProcessHandle.current().pid();
        // A producer has no supervision loop to ping a watchdog from: its unit turns the watchdog off
        // (edeposit-dist/src/main/units/edeposit-ftp-monitord.conf); readiness and stopping still reach systemd.
        Consumer<ServiceState> systemd = ServiceManager.fromEnvironment(env, pid, spec.command() + " is working")
                .<Consumer<ServiceState>>map(manager -> manager).orElse(state -> { });
        StateFile stateFile = daemonRun.stateFile(spec);
        RequestCounts counts = new RequestCounts(Clock.systemUTC());
        // As a consumer's, and as a producer's part of a suite's endpoint (SuiteRunner): /healthz and the JVM's
        // metrics; closed on every way out, a PID file that cannot be written too, as a consumer's.
        try (MetricsEndpoint metrics = daemonRun.metricsPort() == null ? null
                        : MetricsEndpoint.startForProducer(spec.name(), daemonRun.metricsAddress(), daemonRun.metricsPort());
                StateRecorder recorder = new StateRecorder(stateFile, pid, counts)) {
            pidFile.write(pid);
            DaemonReports reports = new DaemonReports(counts, recorder, metrics == null ? null : metrics.daemon(spec.name()));
            Consumer<ServiceState> states = state -> {
                reports.phase(state);
                systemd.accept(state);
            };
            states.accept(new ServiceState(ServiceState.Phase.CONNECTING, ""));
            sun.misc.SignalHandler stop = signal -> {
                log.info("Received SIG{}; finishing the work in hand", signal.getName());
                states.accept(new ServiceState(ServiceState.Phase.STOPPING, ""));
                new Thread(producer::stop, "edeposit-shutdown").start();
            };
            Signal.handle(new Signal("TERM"), stop);
            Signal.handle(new Signal("INT"), stop);
            producer.countTo(reports.counters());
            try {
                producer.run(() -> {
                    ServiceState serving = new ServiceState(ServiceState.Phase.SERVING, "");
                    states.accept(serving);
                    logStarted(pid, serving);
                });
            } catch (Exception failure) {
                log.error("{} stops because {}", spec.command(), failure.toString(), failure);
                return ExitCodes.FAILURE;
            }
            log.info("{} stopped", spec.command());
            return ExitCodes.OK;
        } finally {
            stateFile.deleteIfOwnedBy(pid);
            pidFile.deleteIfOwnedBy(pid);
        }
    }

    private void onState(DaemonReports reports, long pid, ServiceState state) {
        reports.phase(state);
        logStarted(pid, state);
    }

    private void logStarted(long pid, ServiceState state) {
        if (state.phase() == ServiceState.Phase.SERVING && started.compareAndSet(false, true)) {
            log.info("{} started (pid {}, PID file {})", spec.command(), pid, daemonRun.pidFile(spec).path());
        }
    }

    /** SIGTERM and SIGINT both drain and exit 0, in either mode (the original's foreground did not). */
    private static void onSignals(RpcSupervisor supervisor) {
        sun.misc.SignalHandler stop = signal -> {
            log.info("Received SIG{}; finishing the requests in hand", signal.getName());
            Thread closer = new Thread(supervisor::close, "edeposit-shutdown");
            closer.start();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
    }

    private static String connectionName(DaemonSpec spec) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            hostname = "localhost";
        }
        return spec.command() + "@" + hostname + " pid " + ProcessHandle.current().pid();
    }
}

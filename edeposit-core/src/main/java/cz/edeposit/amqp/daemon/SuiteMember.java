package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.rpc.RpcSupervisor;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.AmqpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One daemon of a suite ({@link SuiteRunner}): its handler (or producer), a connection of its own under
 * an {@link RpcSupervisor} (which owns reconnecting to the broker), and around that the suite's own
 * restart: when the daemon fails anyway (it cannot start, gave up waiting for the broker, its queue is
 * gone, a thread died of an error) it is built and started again after a back-off, while the other
 * daemons of the suite keep serving. Its threads are named after it, so the log says whose a line is.
 */
final class SuiteMember implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SuiteMember.class);

    private final DaemonSpec spec;
    private final DaemonRun run;
    private final Map<String, String> env;
    private final AmqpSettings amqp;
    private final String connectionName;
    private final AttemptStore attempts;
    private final boolean afterCrash;
    private final Duration beatPeriod;
    private final DaemonReports reports;
    private final Runnable changed;
    private final Backoff backoff;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object lock = new Object();
    private final Thread thread;
    private boolean stopping;
    private AutoCloseable current;
    private Object built;
    private volatile ServiceState state = new ServiceState(ServiceState.Phase.CONNECTING, "");
    private volatile boolean servedOnce;
    private volatile String stuck;
    private volatile long lastSign = System.nanoTime();

    /**
     * @param changed told after each phase change of this daemon (from its thread)
     */
    SuiteMember(DaemonSpec spec, DaemonRun run, Map<String, String> env, AmqpSettings amqp, String connectionName,
                AttemptStore attempts, boolean afterCrash, Duration beatPeriod, DaemonReports reports,
                Runnable changed) {
        this.spec = spec;
        this.run = run;
        this.env = env;
        this.amqp = amqp;
        this.connectionName = connectionName;
        this.attempts = attempts;
        this.afterCrash = afterCrash;
        this.beatPeriod = beatPeriod;
        this.reports = reports;
        this.changed = changed;
        this.backoff = Backoff.of(run.recovery());
        this.thread = new Thread(this, spec.name());
    }

    DaemonSpec spec() {
        return spec;
    }

    ServiceState state() {
        return state;
    }

    boolean servedOnce() {
        return servedOnce;
    }

    /**
     * Builds the handler or producer on the caller's thread, named after the daemon for its log
     * lines: a bad setting or a missing tool fails the suite's start, as it fails the daemon's own.
     */
    void prepare() throws Exception {
        Thread caller = Thread.currentThread();
        String name = caller.getName();
        caller.setName(spec.name());
        try {
            built = build();
        } finally {
            caller.setName(name);
        }
    }

    void start() {
        thread.start();
    }

    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /** Why this daemon is not healthy now (a stuck worker, a silent supervision loop), or null. */
    String problem(long now) {
        if (spec.producer() != null || !thread.isAlive()) {
            return null; // a producer has no supervision loop to hear from (its own unit has no watchdog either)
        }
        if (stuck != null) {
            return spec.name() + ": " + stuck;
        }
        long silent = now - lastSign;
        return silent > beatPeriod.toNanos() * 4
                ? spec.name() + ": no sign of life from its supervision loop for " + silent / 1_000_000_000 + " s" : null;
    }

    @Override
    public void run() {
        while (!stopping()) {
            String failure;
            try {
                if (built == null) {
                    built = build();
                }
                failure = spec.producer() != null ? produce((Producer) built) : serve((RpcHandler) built);
            } catch (Exception | LinkageError | VirtualMachineError e) {
                // VirtualMachineError: an OutOfMemoryError here (not in a handler, where the worker takes
                // it) leaves this daemon's objects in doubt; the others' are not touched (docs/operations.md).
                failure = e instanceof RuntimeException && e.getMessage() != null ? e.getMessage() : e.toString();
                if (!(e instanceof RuntimeException)) {
                    log.error("{} failed", spec.command(), e);
                }
                built = null;
            }
            if (failure == null || stopping()) {
                break;
            }
            Duration delay = backoff.next();
            String detail = failure + "; restarting " + spec.name() + " in " + Backoff.seconds(delay) + " s";
            log.error("{} stopped: {} (the other daemons of the suite keep serving)", spec.command(), detail);
            phase(new ServiceState(ServiceState.Phase.RECONNECTING, detail));
            pause(delay);
        }
    }

    /** Serves until stopped (null) or until the supervisor gives up (the reason). */
    private String serve(RpcHandler handler) {
        RpcSupervisor supervisor = reports.supervisor(spec, run, amqp, connectionName, handler, attempts, afterCrash,
                this::phase);
        supervisor.nameWorkers(spec.name() + "-worker-");
        supervisor.beatEvery(beatPeriod, problem -> {
            stuck = problem;
            lastSign = System.nanoTime();
            reports.beat(problem);
        });
        if (!begin(supervisor)) {
            return null;
        }
        try {
            String failure = supervisor.run();
            return failure == null && !stopping() ? "it stopped by itself" : failure;
        } finally {
            end();
        }
    }

    /** Runs the producer until stopped (null) or until it ends by itself or fails (the reason). */
    private String produce(Producer producer) throws Exception {
        if (!begin(producer::stop)) {
            return null;
        }
        built = null; // a producer that ran is not run again: the next start builds a new one
        try {
            phase(new ServiceState(ServiceState.Phase.CONNECTING, ""));
            producer.countTo(reports.counters()); // the same counters as the producer it replaces
            producer.run(() -> phase(new ServiceState(ServiceState.Phase.SERVING, "")));
            return stopping() ? null : "it stopped by itself";
        } finally {
            end();
        }
    }

    private Object build() throws Exception {
        DaemonEnvironment environment = new DaemonEnvironment(run.locator(), env, amqp, run.workers());
        return spec.producer() != null ? spec.producer().create(environment) : spec.handlers().create(environment);
    }

    private boolean begin(AutoCloseable running) {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            current = running;
            return true;
        }
    }

    private void end() {
        synchronized (lock) {
            current = null;
        }
    }

    private void phase(ServiceState next) {
        state = next;
        lastSign = System.nanoTime();
        if (next.phase() == ServiceState.Phase.SERVING) {
            if (!servedOnce) {
                log.info("{} serves (in the suite)", spec.command());
            }
            servedOnce = true;
            backoff.reset();
        }
        reports.phase(next);
        changed.run();
    }

    /** Waits out a restart's back-off unless stopped meanwhile; the watchdog hears from it meanwhile. */
    private void pause(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        try {
            for (long left = delay.toNanos(); left > 0; left = end - System.nanoTime()) {
                stuck = null;
                lastSign = System.nanoTime();
                reports.beat(null);
                if (stopRequested.await(Math.min(left, beatPeriod.toNanos()), TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /**
     * Stops this daemon: the requests in hand are answered (bounded by the drain time-out) and a
     * restart's back-off ends. Blocks while they drain; safe from any thread.
     */
    void stop() {
        AutoCloseable running;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            running = current;
        }
        stopRequested.countDown();
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("{}: stopping failed: {}", spec.command(), e.toString());
            }
        }
    }
}

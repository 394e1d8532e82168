package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.broker.RetryRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one owner of recovery: opens a connection, runs an {@link RpcDaemon} on it, and when the
 * connection or a channel is lost, waits (bounded exponential back-off) and does both again, until
 * {@link #close()}. Automatic recovery of the AMQP client stays off (docs/reliability.md says why).
 */
public final class RpcSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RpcSupervisor.class);

    /** Opens a fresh connection to the daemon's vhost; the one seam to the broker. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open();
    }

    /** How the reason of a state begins when the daemon's exchange or queue was deleted while it served. */
    public static final String SCHEMA_MISSING = "schema missing: ";

    private final ConnectionSource source;
    private final RpcOptions options;
    private final RecoveryPolicy policy;
    private final Consumer<ServiceState> states;
    private final RpcMetrics metrics;
    private final RetryRules rules;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object lock = new Object();
    private boolean closing;
    private RpcDaemon current;
    private long outageStart;
    private Heartbeat heartbeat;
    private long beatNanos;
    private String stuck;
    private String workerPrefix = RpcDaemon.WORKER_PREFIX;

    /** @param states told of every phase change, e.g. to write a state file (from run's thread, or close's) */
    public RpcSupervisor(ConnectionSource source, RpcOptions options, RecoveryPolicy policy,
                         Consumer<ServiceState> states) {
        this(source, options, policy, states, RpcMetrics.NONE);
    }

    /** As the other constructor, telling {@code metrics} what the daemon does. */
    public RpcSupervisor(ConnectionSource source, RpcOptions options, RecoveryPolicy policy,
                         Consumer<ServiceState> states, RpcMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.states = Objects.requireNonNull(states, "states");
        this.rules = new RetryRules(policy, System::nanoTime);
    }

    /**
     * Tells {@code beat} every {@code period}, from {@link #run()}'s thread, whether the daemon is
     * healthy (systemd's watchdog); call before {@link #run()}.
     */
    public void beatEvery(Duration period, Heartbeat beat) {
        this.beatNanos = period.toNanos();
        this.heartbeat = Objects.requireNonNull(beat, "beat");
    }

    /** Names the worker threads {@code prefix} and their number ({@link RpcDaemon#WORKER_PREFIX} by default); call before {@link #run()}. */
    public void nameWorkers(String prefix) {
        this.workerPrefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Serves until {@link #close()} (returns {@code null}) or, with {@link RecoveryPolicy#failFast()},
     * until the first lost connection or channel (returns the reason).
     *
     * @throws BrokerUnavailableException when the broker refuses us at start-up, or cannot be reached
     *                                    within {@link RecoveryPolicy#brokerWait()}
     * @throws SchemaMissingException     when the exchange or queue is missing at start-up
     */
    public String run() {
        long waitDeadline = rules.brokerWaitDeadline();
        states.accept(new ServiceState(ServiceState.Phase.CONNECTING, ""));
        while (!stopping()) {
            String problem;
            try {
                problem = serve(source.open());
            } catch (BrokerUnavailableException e) {
                if (rules.givesUp(e.retryable(), RetryRules.FOREVER)) {
                    throw e;
                }
                problem = e.getMessage();
            }
            if (problem == null) {
                return null;
            }
            if (rules.everUp() && policy.failFast()) {
                return problem;
            }
            if (rules.givesUp(true, waitDeadline)) {
                throw new BrokerUnavailableException(policy.brokerWait().isZero() ? problem
                        : problem + " (gave up after waiting " + policy.brokerWait().toSeconds() + " s)");
            }
            pause(problem, rules.everUp() ? RetryRules.FOREVER : waitDeadline);
        }
        return null;
    }

    /**
     * Runs one daemon on {@code connection} until it ends, then closes the connection. Returns null
     * when stopped, else what went wrong (a lost connection, or why the daemon could not start).
     */
    private String serve(Connection connection) {
        try {
            RpcDaemon daemon;
            try {
                daemon = RpcDaemon.start(connection, options, metrics, workerPrefix);
            } catch (SchemaMissingException e) {
                if (!rules.everUp() || policy.failFast()) {
                    throw e;
                }
                return SCHEMA_MISSING + e.getMessage();
            } catch (IOException | RuntimeException e) {
                return "could not start consuming: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
            }
            synchronized (lock) {
                current = daemon;
                if (closing) {
                    daemon.close();
                }
            }
            if (outageStart != 0) {
                log.info("Serving again after {} s without the broker or queue",
                        Backoff.seconds(Duration.ofMillis((System.nanoTime() - outageStart) / 1_000_000)));
                outageStart = 0;
            }
            metrics.serving(connection.getAddress().getHostAddress() + ":" + connection.getPort(), daemon,
                    rules.everUp());
            rules.up();
            if (!stopping()) {
                states.accept(new ServiceState(ServiceState.Phase.SERVING, ""));
            }
            String reason = awaitTermination(daemon);
            metrics.notServing();
            synchronized (lock) {
                current = null;
            }
            rules.lost(); // after serving well for a while, a new incident
            return reason;
        } finally {
            // abort() never throws, also when the broker has already dropped the connection.
            connection.abort(5_000);
        }
    }

    /** Waits for the daemon to end, telling the heartbeat each period whether a worker is stuck. */
    private String awaitTermination(RpcDaemon daemon) {
        if (heartbeat == null) {
            return daemon.termination().join();
        }
        while (true) {
            try {
                return daemon.termination().get(beatNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                beat(daemon.stuckWorker());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return daemon.termination().join();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e); // termination never completes exceptionally
            }
        }
    }

    /** Tells the heartbeat, and logs when a worker gets stuck and when it is not any more. */
    private void beat(String problem) {
        if (problem != null && stuck == null) {
            log.error("A worker is stuck: {}; the daemon no longer reports itself healthy (systemd's watchdog"
                    + " restarts it)", problem);
        } else if (problem == null && stuck != null) {
            log.warn("No worker is stuck any more");
        }
        stuck = problem;
        heartbeat.beat(problem);
    }

    /** Sleeps up to {@code nanos} unless stopped meanwhile, beating (healthy: retrying) each period. */
    private void sleep(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            if (heartbeat == null) {
                stopRequested.await(left, TimeUnit.NANOSECONDS);
                return;
            }
            if (stopRequested.await(Math.min(left, beatNanos), TimeUnit.NANOSECONDS)) {
                return;
            }
            beat(null);
            left = end - System.nanoTime();
        }
    }

    /** Logs the problem and the delay once, reports the state, and sleeps unless stopped meanwhile. */
    private void pause(String problem, long deadline) {
        Duration delay = rules.nextDelay(deadline);
        if (outageStart == 0) {
            outageStart = System.nanoTime();
        }
        String detail = problem + "; retrying in " + Backoff.seconds(delay) + " s";
        if (rules.everUp()) {
            log.warn("Not serving: {}", detail);
            states.accept(new ServiceState(ServiceState.Phase.RECONNECTING, detail));
        } else {
            log.warn("Waiting for RabbitMQ: {}", detail);
            states.accept(new ServiceState(ServiceState.Phase.WAITING, detail));
        }
        try {
            sleep(delay.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private boolean stopping() {
        synchronized (lock) {
            return closing;
        }
    }

    /**
     * Stops: a running daemon drains (bounded by the drain time-out) and {@link #run()} returns
     * {@code null}; a wait for the broker ends at once. Safe from any thread, e.g. a signal handler.
     */
    @Override
    public void close() {
        RpcDaemon daemon;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            daemon = current;
        }
        states.accept(new ServiceState(ServiceState.Phase.STOPPING, ""));
        stopRequested.countDown();
        if (daemon != null) {
            daemon.close();
        }
    }
}

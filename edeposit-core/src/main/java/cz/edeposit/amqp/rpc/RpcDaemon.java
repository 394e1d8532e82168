package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one host's input queue with a pool of {@link RpcWorker}s on a connection the caller owns.
 *
 * <p>It declares nothing: the schema belongs to {@code edeposit-amqp-tool}. It checks passively that
 * the exchange and queue exist and fails with a {@link SchemaMissingException} naming the command
 * that creates them.
 */
public final class RpcDaemon implements AutoCloseable, RpcMetrics.WorkerLoad {

    private static final Logger log = LoggerFactory.getLogger(RpcDaemon.class);

    /** How worker threads are named unless told otherwise: this and the worker's number. */
    public static final String WORKER_PREFIX = "edeposit-worker-";

    private final RpcOptions options;
    private final List<RpcWorker> workers = new ArrayList<>();
    private final CompletableFuture<String> terminated = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicInteger running = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "edeposit-rpc-timer");
        thread.setDaemon(true);
        return thread;
    });

    private RpcDaemon(RpcOptions options) {
        this.options = options;
        timer.setRemoveOnCancelPolicy(true); // a cancelled handler time-out must not linger for its delay
    }

    /** Checks the schema, then starts consuming with {@code options.workers()} workers. */
    public static RpcDaemon start(Connection connection, RpcOptions options) throws IOException {
        return start(connection, options, RpcMetrics.NONE);
    }

    /** As {@link #start(Connection, RpcOptions)}, telling {@code metrics} what the workers do. */
    public static RpcDaemon start(Connection connection, RpcOptions options, RpcMetrics metrics) throws IOException {
        return start(connection, options, metrics, WORKER_PREFIX);
    }

    /**
     * As {@link #start(Connection, RpcOptions, RpcMetrics)} with worker threads named
     * {@code workerPrefix} and their number ({@value #WORKER_PREFIX}1 by default; a suite's daemon
     * names them after itself, so that its log lines say whose they are).
     */
    public static RpcDaemon start(Connection connection, RpcOptions options, RpcMetrics metrics, String workerPrefix)
            throws IOException {
        checkSchema(connection, options);
        RpcDaemon daemon = new RpcDaemon(options);
        try {
            for (int i = 0; i < options.workers(); i++) {
                RpcWorker worker = new RpcWorker(workerPrefix + (i + 1), connection.createChannel(),
                        options, daemon.timer, daemon::workerFailed, daemon::workerExited, metrics);
                daemon.workers.add(worker);
            }
            for (RpcWorker worker : daemon.workers) {
                daemon.running.incrementAndGet();
                try {
                    worker.start();
                } catch (IOException | RuntimeException e) {
                    daemon.running.decrementAndGet();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        daemon.watchConsumerTimeout();
        log.info("Consuming queue '{}' in vhost '{}' with {} worker(s), prefetch {}; replies go to exchange '{}'",
                options.host().inputQueue(), options.host().vhost(), options.workers(), options.prefetch(),
                options.host().exchange());
        return daemon;
    }

    /**
     * Completes once every worker has finished (or the drain time-out has passed): with {@code null}
     * after {@link #close()}, or with the reason when a worker's channel or connection failed. Unacked
     * requests are redelivered by the broker once the caller closes the connection.
     */
    public CompletableFuture<String> termination() {
        return terminated;
    }

    /**
     * Stops taking requests, lets those in hand finish and be acked (bounded by the drain time-out),
     * and closes the channels; prefetched requests not yet started go back to the queue. Idempotent.
     */
    @Override
    public void close() {
        stopAll();
        try {
            terminated.get(options.drainTimeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // termination never completes exceptionally
        }
    }

    @Override
    public int inHand() {
        int count = 0;
        for (RpcWorker worker : workers) {
            count += worker.answering() ? 1 : 0;
        }
        return count;
    }

    /**
     * Null while every worker can serve, else one line about the first that cannot: its handler
     * ignored the interrupt of the handler time-out or of a lost channel (the supervisor's health).
     */
    public String stuckWorker() {
        long now = System.nanoTime();
        for (RpcWorker worker : workers) {
            String stuck = worker.stuck(now);
            if (stuck != null) {
                return stuck;
            }
        }
        return null;
    }

    @Override
    public int prefetched() {
        return workers.stream().mapToInt(RpcWorker::prefetched).sum();
    }

    @Override
    public int awaitingConfirms() {
        return workers.stream().mapToInt(RpcWorker::awaitingConfirms).sum();
    }

    /** Every few seconds, warns about deliveries unacked for 80 % of the broker's consumer_timeout. */
    private void watchConsumerTimeout() {
        Duration consumerTimeout = options.faults().consumerTimeout();
        if (consumerTimeout == null) {
            return;
        }
        Duration threshold = consumerTimeout.multipliedBy(4).dividedBy(5);
        long period = Math.max(100, Math.min(10_000, consumerTimeout.toMillis() / 20));
        timer.scheduleWithFixedDelay(() -> workers.forEach(worker -> worker.warnOverdue(threshold, consumerTimeout)),
                period, period, TimeUnit.MILLISECONDS);
    }

    private void workerFailed(String reason) {
        if (failure.compareAndSet(null, reason)) {
            stopAll();
        }
    }

    /** Asks every worker to stop, once, and bounds how long they may take. */
    private void stopAll() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        workers.forEach(RpcWorker::requestStop);
        if (running.get() == 0) {
            finish();
            return;
        }
        try {
            timer.schedule(this::finish, options.drainTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish();
        }
    }

    private void workerExited() {
        if (running.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        if (terminated.isDone()) {
            return;
        }
        if (running.get() > 0) {
            log.warn("{} worker(s) still had a request in hand after the drain time-out; it will be redelivered",
                    running.get());
        }
        timer.shutdownNow();
        terminated.complete(failure.get());
    }

    private static void checkSchema(Connection connection, RpcOptions options) throws IOException {
        var host = options.host();
        if (!exists(connection, channel -> channel.exchangeDeclarePassive(host.exchange()))) {
            throw SchemaMissingException.exchange(host.vhost(), host.exchange(), host.name());
        }
        if (!exists(connection, channel -> channel.queueDeclarePassive(host.inputQueue()))) {
            throw SchemaMissingException.queue(host.vhost(), host.inputQueue(), host.name());
        }
        String deadLetters = options.faults().deadLetterExchange();
        if (deadLetters != null && !exists(connection, channel -> channel.exchangeDeclarePassive(deadLetters))) {
            throw SchemaMissingException.deadLetterExchange(host.vhost(), deadLetters);
        }
    }

    /** A passive declaration on a throwaway channel, since a 404 closes the channel it happens on. */
    private static boolean exists(Connection connection, PassiveCheck check) throws IOException {
        Channel probe = connection.createChannel();
        try {
            check.run(probe);
            return true;
        } catch (IOException e) {
            if (notFound(e)) {
                return false;
            }
            throw e;
        } finally {
            if (probe.isOpen()) {
                probe.abort();
            }
        }
    }

    @FunctionalInterface
    private interface PassiveCheck {
        void run(Channel channel) throws IOException;
    }

    private static boolean notFound(IOException e) {
        return BrokerRefusal.find(e).map(BrokerRefusal::notFound).orElse(false);
    }
}

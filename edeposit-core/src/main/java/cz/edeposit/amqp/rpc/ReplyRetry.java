package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A worker's unroutable replies: publishes each reply the broker returned again, with back-off,
 * until a queue takes it or the retry time is spent; meanwhile its request is not acked
 * ({@link AckLedger#hold}), so it is neither lost nor acked early (docs/reliability.md, "Unroutable
 * replies").
 *
 * <p>Why it exists: a client's reply queue is a classic queue on one cluster node; while that node
 * is down, RabbitMQ returns a reply routed to it ({@code NO_ROUTE}) and then <em>confirms</em> it, so
 * acking after the confirm alone lost the reply (docs/scaling.md, "The client's reply queue").
 *
 * <p>It publishes on a channel of its own, one reply at a time, from a thread of its own, both made
 * at the first return: the worker goes on answering (its later replies are published at once; only
 * its acks wait, and the broker stops sending it more once {@code --prefetch} requests are unacked),
 * and a return on this channel is known to be the one reply in flight. A routing key whose reply was
 * given up is remembered for ten retry times: its later returns are given up at once, so the queued
 * requests of a client that is gone for good cost one retry time, not one each.
 */
final class ReplyRetry {

    private static final Logger log = LoggerFactory.getLogger(ReplyRetry.class);
    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 2_000;
    private static final long CONFIRM_MILLIS = 10_000;
    private static final int REMEMBERED_KEYS = 1_000;

    private final String name;
    private final Connection connection;
    private final Duration budget;
    private final AckLedger ledger;
    private final BooleanSupplier workerAlive;
    private final Map<String, Long> givenUp = new LinkedHashMap<>(16, 0.75f, true) { // under this
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    };
    private ScheduledExecutorService thread; // under this; made at the first return
    private Channel channel; // only on `thread`
    private volatile boolean returnedAgain;
    private volatile boolean closed;
    private int inFlight; // under this
    private final java.util.Set<Attempt> waiting = new java.util.HashSet<>(); // under this: scheduled, not run yet

    /**
     * @param workerAlive whether the worker's channel is still open: a reply of a worker that is gone
     *                    is dropped, since the broker redelivers its request and it is answered again
     */
    ReplyRetry(String name, Connection connection, Duration budget, AckLedger ledger, BooleanSupplier workerAlive) {
        this.name = name;
        this.connection = connection;
        this.budget = budget;
        this.ledger = ledger;
        this.workerAlive = workerAlive;
    }

    /** The worker channel's return listener (connection thread): holds the request's ack and schedules a retry. */
    void returned(Return returned) {
        String key = returned.getRoutingKey();
        String uuid = Headers.uuidText(Headers.raw(returned.getProperties(), WireHeaders.UUID));
        ledger.hold();
        long now = System.nanoTime();
        synchronized (this) {
            Long gaveUp = givenUp.get(key);
            boolean recent = gaveUp != null && now - gaveUp < budget.toNanos() * 10;
            if (closed || budget.isZero() || recent) {
                log.warn("Reply for UUID {} was not routable: no queue is bound to key '{}' on exchange '{}' ({});"
                                + " the request is acked{}", uuid, key, returned.getExchange(), returned.getReplyText(),
                        budget.isZero() ? "" : recent ? " (a reply to this key was given up lately)" : " (stopping)");
                ledger.release();
                return;
            }
            log.warn("Reply for UUID {} was not routable: no queue is bound to key '{}' on exchange '{}' ({});"
                    + " publishing it again for up to {} s", uuid, key, returned.getExchange(), returned.getReplyText(),
                    budget.toSeconds());
            if (thread == null) {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                    Thread made = new Thread(runnable, name + "-reply-retry");
                    made.setDaemon(true);
                    return made;
                });
                executor.setRemoveOnCancelPolicy(true);
                thread = executor;
            }
            inFlight++;
            schedule(new Attempt(returned, uuid, now, 1), FIRST_DELAY_MILLIS);
        }
    }

    /** Replies being retried (for tests and the log). */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Stops retrying (the worker ends): what is still held is redelivered by the broker. */
    void close() {
        ScheduledExecutorService executor;
        synchronized (this) {
            closed = true;
            executor = thread;
        }
        if (executor != null) {
            executor.shutdownNow();
            synchronized (this) {
                waiting.forEach(this::dropped);
                waiting.clear();
            }
            try {
                executor.awaitTermination(CONFIRM_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeChannel();
        }
    }

    private record Attempt(Return reply, String uuid, long firstReturned, int number) {
    }

    private void schedule(Attempt attempt, long delayMillis) { // under this
        if (closed) {
            dropped(attempt);
            return;
        }
        waiting.add(attempt);
        thread.schedule(() -> run(attempt), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void run(Attempt attempt) {
        synchronized (this) {
            waiting.remove(attempt);
        }
        if (closed || !workerAlive.getAsBoolean()) {
            dropped(attempt);
            done();
            return;
        }
        if (publish(attempt.reply())) {
            log.info("Reply for UUID {} to key '{}' delivered on attempt {}, {} ms after it was first returned",
                    attempt.uuid(), attempt.reply().getRoutingKey(), attempt.number() + 1,
                    (System.nanoTime() - attempt.firstReturned()) / 1_000_000);
            done();
            return;
        }
        long left = budget.toNanos() - (System.nanoTime() - attempt.firstReturned());
        if (left <= 0) {
            giveUp(attempt);
            return;
        }
        long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt.number(), 5));
        synchronized (this) {
            schedule(new Attempt(attempt.reply(), attempt.uuid(), attempt.firstReturned(), attempt.number() + 1),
                    Math.min(delay, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
    }

    /** Publishes the reply as it was, mandatory, and waits for its confirm: true if a queue took it. */
    private boolean publish(Return reply) {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = connection.createChannel();
                channel.confirmSelect();
                channel.addReturnListener(ignored -> returnedAgain = true);
            }
            returnedAgain = false;
            channel.basicPublish(reply.getExchange(), reply.getRoutingKey(), true, reply.getProperties(),
                    reply.getBody());
            // The broker sends basic.return before the confirm, on the same connection thread.
            return channel.waitForConfirms(CONFIRM_MILLIS) && !returnedAgain;
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("{}: publishing a reply again failed: {}", name, e.toString());
            closeChannel();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void giveUp(Attempt attempt) {
        synchronized (this) {
            givenUp.put(attempt.reply().getRoutingKey(), System.nanoTime());
        }
        log.error("Reply for UUID {} is undeliverable: no queue took key '{}' on exchange '{}' in {} attempts over {} s;"
                        + " the request is acked and the reply dropped (is the client gone?)", attempt.uuid(),
                attempt.reply().getRoutingKey(), attempt.reply().getExchange(), attempt.number() + 1,
                budget.toSeconds());
        done();
    }

    private void dropped(Attempt attempt) {
        log.info("{}: dropping the retry of the reply for UUID {}: the worker is gone, its request goes back to the"
                + " queue", name, attempt.uuid());
    }

    private void done() {
        synchronized (this) {
            inFlight--;
        }
        ledger.release();
    }

    private void closeChannel() {
        Channel open = channel;
        channel = null;
        try {
            if (open != null && open.isOpen()) {
                open.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("{}: closing the retry channel failed", name, e);
        }
    }
}

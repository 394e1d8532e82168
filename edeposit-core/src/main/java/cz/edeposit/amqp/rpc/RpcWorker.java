package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One consumer with its own channel and thread: takes a request, answers it, and acks it once the
 * broker has confirmed every message published for it.
 *
 * <p>Only the worker thread publishes on the channel. Confirms are handled where the client delivers
 * them (its connection thread), which also sends the ack: waking the worker for each confirm cost
 * about 13 µs of CPU per request (docs/performance.md). {@link AckLedger} keeps that bookkeeping;
 * a nack or a failed ack on the connection thread comes back to the worker as an event.
 */
final class RpcWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RpcWorker.class);
    private static final long DRAIN_POLL_MILLIS = 10;

    private final String name;
    private final Channel channel;
    private final RpcOptions options;
    private final Consumer<String> onFailure;
    private final Runnable onExit;
    private final BlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    private final DeliveryAttempts attempts;
    private final AckLedger ledger;
    private final ReplyRetry replyRetry;
    private final ScheduledExecutorService timer;
    private final UnackedDeliveries unacked = new UnackedDeliveries();
    private final Thread thread;
    private final HandlerWatch watch;
    private final RpcMetrics metrics;
    private final LongConsumer ackAges;
    private final LongConsumer published; // the ledger's, made once: RequestScope is made per request
    private final HandlerCall handlerCall; // holds no state of a call
    private volatile boolean stopping;
    private volatile boolean answering;
    private String consumerTag;

    RpcWorker(String name, Channel channel, RpcOptions options, ScheduledExecutorService timer,
              Consumer<String> onFailure, Runnable onExit, RpcMetrics metrics) {
        this.name = name;
        this.metrics = metrics;
        this.ackAges = metrics::acked;
        this.channel = channel;
        this.options = options;
        this.timer = timer;
        this.onFailure = onFailure;
        this.onExit = onExit;
        this.attempts = new DeliveryAttempts(options.faults().attempts(), options.faults().maxAttempts(),
                options.faults().countFirstDeliveries());
        this.ledger = new AckLedger(this::ack, attempts::finished, reason -> events.add(new WorkerEvent.Failed(reason)));
        this.replyRetry = new ReplyRetry(name, channel.getConnection(), options.faults().replyRetry(), ledger,
                channel::isOpen);
        this.thread = new Thread(this, name);
        this.watch = new HandlerWatch(thread);
        this.published = ledger::published;
        this.handlerCall = new HandlerCall(watch, timer, options.faults().handlerTimeout());
    }

    /** Sets up the channel (QoS, confirms, listeners), registers the consumer and starts the thread. */
    void start() throws IOException {
        channel.basicQos(options.prefetch());
        channel.confirmSelect();
        channel.addConfirmListener(ledger::confirmed, ledger::nacked);
        channel.addReturnListener(replyRetry::returned); // held unacked and published again (docs/reliability.md)
        channel.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                events.add(new WorkerEvent.ChannelLost(describe(cause)));
                watch.abandon(); // the request in hand goes back to the queue; stop wasting work on it
            }
        });
        consumerTag = channel.basicConsume(options.host().inputQueue(), false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                unacked.received(envelope.getDeliveryTag(), Headers.raw(properties, WireHeaders.UUID));
                events.add(new WorkerEvent.Delivered(envelope, properties, body));
            }

            @Override
            public void handleCancel(String tag) {
                events.add(new WorkerEvent.Cancelled(tag));
            }
        });
        thread.start();
    }

    /** Asks the worker to finish the request in hand, stop consuming, and drain its confirms. */
    void requestStop() {
        stopping = true;
        events.add(new WorkerEvent.Stop());
    }

    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    @Override
    public void run() {
        try {
            serve();
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ChannelFailure e) {
            log.warn("{}: {}", name, e.getMessage());
            metrics.channelFailed();
            onFailure.accept(e.getMessage());
        } catch (RuntimeException | Error e) {
            // An Error (e.g. OutOfMemoryError) from a handler, too: the daemon restarts on a fresh
            // channel and the request in hand is redelivered (and counted, see DeliveryAttempts).
            log.error("{} stopped by an unexpected error", name, e);
            metrics.channelFailed();
            onFailure.accept(e.toString());
        } finally {
            closeChannel();
            onExit.run();
        }
    }

    private void serve() throws InterruptedException {
        while (true) {
            WorkerEvent event = events.take();
            if (event instanceof WorkerEvent.Stop) {
                return;
            }
            dispatch(event);
        }
    }

    private void dispatch(WorkerEvent event) {
        if (event instanceof WorkerEvent.Delivered delivered) {
            if (!stopping) {
                answer(delivered);
            }
        } else if (event instanceof WorkerEvent.Failed failed) {
            throw new ChannelFailure(failed.reason());
        } else if (event instanceof WorkerEvent.Cancelled) {
            throw new ChannelFailure("the broker cancelled the consumer of queue '"
                    + options.host().inputQueue() + "' in vhost '" + options.host().vhost()
                    + "' (was the queue deleted?)");
        } else if (event instanceof WorkerEvent.ChannelLost lost) {
            throw new ChannelFailure("channel closed: " + lost.reason());
        }
    }

    /** Stops the consumer, then waits (bounded) until every answered request is acked. */
    private void drain() throws InterruptedException {
        cancelConsumer();
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (ledger.unacked() > 0) {
            if (System.nanoTime() >= deadline) {
                log.warn("{}: {} answered request(s) still unconfirmed after the drain time-out;"
                        + " they will be redelivered", name, ledger.unacked());
                return;
            }
            // Acks happen on the connection thread; a short poll also notices a lost channel.
            WorkerEvent event = events.poll(DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (event != null) {
                dispatch(event);
            }
        }
    }

    private void answer(WorkerEvent.Delivered delivered) {
        answering = true;
        try {
            answerInHand(delivered);
        } finally {
            answering = false;
        }
    }

    private void answerInHand(WorkerEvent.Delivered delivered) {
        long firstSeq = channel.getNextPublishSeqNo();
        RequestScope scope = new RequestScope(channel, options, delivered, published, handlerCall, metrics);
        DeliveryAttempts.Attempt attempt = attempts.begin(delivered.envelope(), delivered.properties(), delivered.body());
        if (attempt.exceeded()) {
            scope.giveUp(attempt.number(), attempts.maxAttempts());
        } else {
            scope.run();
        }
        long lastSeq = channel.getNextPublishSeqNo() - 1;
        ledger.answered(delivered.envelope().getDeliveryTag(), firstSeq, lastSeq, attempt);
    }

    /** The ledger's side effect, with its lock held: one {@code basic.ack(multiple=true)}. */
    private void ack(long lastDeliveryTag) throws IOException {
        channel.basicAck(lastDeliveryTag, true);
        if (metrics == RpcMetrics.NONE) {
            unacked.ackedUpTo(lastDeliveryTag);
        } else {
            unacked.ackedUpTo(lastDeliveryTag, ackAges);
        }
    }

    /** Whether a request is being answered now (read by metrics scrapes). */
    boolean answering() {
        return answering;
    }

    /** Null while the worker can serve, else one line on why it is stuck ({@link HandlerWatch#stuck}). */
    String stuck(long nowNanos) {
        String why = watch.stuck(nowNanos);
        return why == null ? null : name + " is " + why;
    }

    /** Answered requests whose replies are not all confirmed yet. */
    int awaitingConfirms() {
        return ledger.unacked();
    }

    /** Delivered requests not started yet: all unacked ones but those in hand or awaiting confirms. */
    int prefetched() {
        return Math.max(0, unacked.size() - ledger.unacked() - (answering ? 1 : 0));
    }

    private void cancelConsumer() {
        try {
            if (consumerTag != null && channel.isOpen()) {
                channel.basicCancel(consumerTag);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("{}: cancel failed", name, e);
        }
    }

    /** Logs once for each delivery unacked for longer than {@code threshold} (called by the daemon's timer). */
    void warnOverdue(Duration threshold, Duration consumerTimeout) {
        for (UnackedDeliveries.Entry entry : unacked.overdue(threshold.toNanos())) {
            log.warn("{}: request UUID {} has been unacknowledged for {} s, 80 % of the broker's consumer_timeout"
                    + " ({} s): the broker will close the channel at {} s and redeliver it. Raise consumer_timeout"
                    + " in rabbitmq.conf (and --consumer-timeout), or bound the handler with --handler-timeout",
                    name, entry.uuid(), threshold.toSeconds(), consumerTimeout.toSeconds(), consumerTimeout.toSeconds());
        }
    }

    private void closeChannel() {
        replyRetry.close();
        unacked.clear();
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
            log.debug("{}: close failed", name, e);
        }
    }

    private static String describe(ShutdownSignalException cause) {
        Object reason = cause.getReason();
        return reason == null ? String.valueOf(cause.getMessage()) : reason.toString();
    }
}

package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.ReplyKind;
import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One request from delivery to last reply: the processing order of docs/wire-protocol.md, and the
 * {@link RpcContext} its handler sees.
 */
final class RequestScope implements RpcContext {

    private static final Logger log = LoggerFactory.getLogger(RequestScope.class);

    /** The exception a request without a UUID is answered with, for its metrics. */
    private static final ValueError NO_UUID = new ValueError(WireHeaders.NO_UUID_MESSAGE);

    private final Channel channel;
    private final RpcOptions options;
    private final WorkerEvent.Delivered delivered;
    private final LongConsumer onPublished;
    private final HandlerCall call;
    private final RpcMetrics metrics;
    private final String replyKey;
    private Object uuid; // as the replies echo it (Headers.echoed)
    private Object request = RpcMetrics.UNDECODED;
    private ChannelFailure publishFailure;

    RequestScope(Channel channel, RpcOptions options, WorkerEvent.Delivered delivered, LongConsumer onPublished,
                 HandlerCall call, RpcMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        this.options = options;
        this.delivered = delivered;
        this.onPublished = onPublished;
        this.call = call;
        this.replyKey = options.host().replyKey(delivered.envelope().getRoutingKey());
    }

    /**
     * Answers the request; throws {@link ChannelFailure} only when a reply could not be published.
     * Its log lines, and its handler's on this thread, carry the fields of {@link RequestLog}.
     */
    void run() {
        long received = System.nanoTime();
        try {
            answer(received);
        } finally {
            RequestLog.end();
        }
    }

    private void answer(long received) {
        if (!Headers.has(delivered.properties(), WireHeaders.UUID)) {
            log.warn("Sending exception ValueError: {} (routing key '{}')", WireHeaders.NO_UUID_MESSAGE,
                    delivered.envelope().getRoutingKey());
            metrics.received(request);
            publish(Replies.noUuid(), delivered.body());
            metrics.failed(request, NO_UUID, -1);
            return;
        }
        uuid = Headers.echoed(Headers.raw(delivered.properties(), WireHeaders.UUID));
        RequestLog.begin(uuid());
        if (delivered.body().length > options.maxRequestBytes()) {
            // Before decoding: a body of many megabytes can exhaust the heap while it is parsed.
            metrics.received(request);
            sendException(new ValueError("the request body of " + delivered.body().length
                    + " bytes is larger than this daemon's limit of " + options.maxRequestBytes() + " bytes"),
                    -1, received);
            return;
        }
        byte[] reply;
        long started = -1;
        long handlerNanos = -1;
        try {
            Object decoded = options.codec().decode(delivered.body());
            request = decoded;
            RequestLog.type(decoded);
            metrics.received(decoded);
            started = System.nanoTime();
            Object result = call.run(() -> options.handler().handle(decoded, this), uuid());
            handlerNanos = System.nanoTime() - started;
            failIfPublishBroke();
            reply = options.codec().encode(result);
        } catch (ChannelFailure e) {
            throw e;
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            if (request == RpcMetrics.UNDECODED) {
                metrics.received(request);
            } else if (handlerNanos < 0) {
                handlerNanos = System.nanoTime() - started;
            }
            failIfPublishBroke();
            sendException(e, handlerNanos, received);
            return;
        }
        if (log.isDebugEnabled()) { // the one line of a request answered normally, with its duration
            log.debug("sending response {} for UUID {} after {} ms", replyKey, uuid(), RequestLog.duration(received));
        }
        publish(Replies.normal(uuid, ReplyKind.RESULT), reply);
        metrics.answered(request, handlerNanos);
    }

    /**
     * Answers a request that has been started too often with {@link PoisonMessageError}, without
     * calling the handler, and first publishes it unchanged to the dead-letter exchange if one is set.
     */
    void giveUp(int attempt, int maxAttempts) {
        if (!Headers.has(delivered.properties(), WireHeaders.UUID)) {
            run(); // answered without the handler anyway
            return;
        }
        uuid = Headers.echoed(Headers.raw(delivered.properties(), WireHeaders.UUID));
        RequestLog.begin(uuid());
        try {
            giveUp(new PoisonMessageError(attempt, maxAttempts), attempt);
        } finally {
            RequestLog.end();
        }
    }

    private void giveUp(PoisonMessageError error, int attempt) {
        // Not decoded, not even for its type label: decoding it may be what killed the daemon before.
        request = RpcMetrics.UNDECODED;
        metrics.received(request);
        String deadLetters = options.faults().deadLetterExchange();
        log.error("Giving up on UUID {} (routing key '{}'), delivered {} times: answering PoisonMessageError{}",
                uuid(), routingKey(), attempt, deadLetters == null ? "" : " and dead-lettering it to exchange '"
                        + deadLetters + "'");
        if (deadLetters != null) {
            publish(deadLetters, routingKey(), DeadLetters.properties(delivered.properties(), error, attempt,
                    options.host().inputQueue()), delivered.body());
        }
        publish(Replies.exception(uuid, error), Replies.body(error));
        metrics.poisoned(request, deadLetters != null);
        metrics.failed(request, error, -1);
    }

    private void sendException(Throwable error, long handlerNanos, long received) {
        // An InterruptedException of the handler is answered like any failure; the worker goes on.
        RequestLog.duration(received);
        log.warn("Sending exception {}: {} for UUID {}.", Replies.name(error), Replies.message(error), uuid());
        log.debug("Handler failure", error);
        publish(Replies.exception(uuid, error), Replies.body(error));
        metrics.failed(request, error, handlerNanos);
    }

    @Override
    public String uuid() {
        return Headers.uuidText(uuid);
    }

    @Override
    public String routingKey() {
        return delivered.envelope().getRoutingKey();
    }

    @Override
    public boolean redelivered() {
        return delivered.envelope().isRedeliver();
    }

    @Override
    public void progress(Object message) {
        failIfPublishBroke();
        publish(Replies.normal(uuid, ReplyKind.PROGRESS), options.codec().encode(message));
        metrics.progressSent(request);
    }

    private void publish(AMQP.BasicProperties properties, byte[] body) {
        publish(options.host().exchange(), replyKey, properties, body);
    }

    private void publish(String exchange, String key, AMQP.BasicProperties properties, byte[] body) {
        // Recorded first: the confirm may arrive on the connection thread before basicPublish returns.
        onPublished.accept(channel.getNextPublishSeqNo());
        try {
            channel.basicPublish(exchange, key, true, properties, body);
        } catch (IOException | RuntimeException e) {
            publishFailure = new ChannelFailure("could not publish the reply for UUID " + uuid() + ": " + e);
            throw publishFailure;
        }
    }

    /** A handler may swallow the failure of a progress publish; the request must not be acked then. */
    private void failIfPublishBroke() {
        if (publishFailure != null) {
            throw publishFailure;
        }
    }
}

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

    private final Channel channel;
    private final RpcOptions options;
    private final WorkerEvent.Delivered delivered;
    private final LongConsumer onPublished;
    private final HandlerCall call;
    private final String replyKey;
    private Object uuid;
    private ChannelFailure publishFailure;

    RequestScope(Channel channel, RpcOptions options, WorkerEvent.Delivered delivered, LongConsumer onPublished,
                 HandlerCall call) {
        this.channel = channel;
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
        long started = System.nanoTime();
        try {
            answer(started);
        } finally {
            RequestLog.end();
        }
    }

    private void answer(long started) {
        if (!Headers.has(delivered.properties(), WireHeaders.UUID)) {
            log.warn("Sending exception ValueError: {} (routing key '{}')", WireHeaders.NO_UUID_MESSAGE,
                    delivered.envelope().getRoutingKey());
            publish(Replies.noUuid(), delivered.body());
            options.outcomes().failed(ValueError.class.getSimpleName(), WireHeaders.NO_UUID_MESSAGE);
            return;
        }
        uuid = Headers.raw(delivered.properties(), WireHeaders.UUID);
        RequestLog.begin(uuid());
        if (delivered.body().length > options.maxRequestBytes()) {
            // Before decoding: a body of many megabytes can exhaust the heap while it is parsed.
            sendException(new ValueError("the request body of " + delivered.body().length
                    + " bytes is larger than this daemon's limit of " + options.maxRequestBytes() + " bytes"), started);
            return;
        }
        byte[] reply;
        try {
            Object request = options.codec().decode(delivered.body());
            RequestLog.type(request);
            Object result = call.run(() -> options.handler().handle(request, this), uuid());
            failIfPublishBroke();
            reply = options.codec().encode(result);
        } catch (ChannelFailure e) {
            throw e;
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            failIfPublishBroke();
            sendException(e, started);
            return;
        }
        if (log.isDebugEnabled()) { // the one line of a request answered normally, with its duration
            log.debug("sending response {} for UUID {} after {} ms", replyKey, uuid(), RequestLog.duration(started));
        }
        publish(Replies.normal(uuid, ReplyKind.RESULT), reply);
        options.outcomes().served();
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
        uuid = Headers.raw(delivered.properties(), WireHeaders.UUID);
        RequestLog.begin(uuid());
        try {
            giveUp(new PoisonMessageError(attempt, maxAttempts), attempt);
        } finally {
            RequestLog.end();
        }
    }

    private void giveUp(PoisonMessageError error, int attempt) {
        String deadLetters = options.faults().deadLetterExchange();
        log.error("Giving up on UUID {} (routing key '{}'), delivered {} times: answering PoisonMessageError{}",
                uuid(), routingKey(), attempt, deadLetters == null ? "" : " and dead-lettering it to exchange '"
                        + deadLetters + "'");
        if (deadLetters != null) {
            publish(deadLetters, routingKey(), DeadLetters.properties(delivered.properties(), error, attempt,
                    options.host().inputQueue()), delivered.body());
        }
        publish(Replies.exception(uuid, error), Replies.body(error));
        options.outcomes().failed(Replies.name(error), Replies.message(error));
    }

    private void sendException(Throwable error, long started) {
        // An InterruptedException of the handler is answered like any failure; the worker goes on.
        RequestLog.duration(started);
        log.warn("Sending exception {}: {} for UUID {}.", Replies.name(error), Replies.message(error), uuid());
        log.debug("Handler failure", error);
        publish(Replies.exception(uuid, error), Replies.body(error));
        options.outcomes().failed(Replies.name(error), Replies.message(error));
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

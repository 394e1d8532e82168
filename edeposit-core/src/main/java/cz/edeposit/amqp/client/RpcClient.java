package cz.edeposit.amqp.client;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Calls edeposit daemons over RabbitMQ: publishes a request, pairs the replies with it by the
 * {@code UUID} header, and completes a future with the decoded final reply.
 *
 * <p>Routing: requests go to the host's exchange with the key {@code <client id>.<input key>}, so
 * the daemon answers with {@code <client id>.<output key>} (its parseKey rule), which only this
 * client's queue {@code edeposit-client.<client id>} is bound to: the shared {@code plone} queue and
 * other clients never see the replies. The queue expires ({@code x-expires}) when the client is
 * gone without closing. Per vhost the client needs these bindings, which it creates unless told
 * not to ({@link RpcClientBuilder#createBindings}):
 * <pre>
 *   E["&lt;id&gt;.request"] -&gt; &lt;input queue&gt;              (the daemon receives the request)
 *   E["&lt;id&gt;.result"]  -&gt; edeposit-client.&lt;id&gt;         (the client receives the replies)
 * </pre>
 *
 * <p>Guarantees: every call ends, with a reply, an exception, or an {@link RpcTimeoutException}
 * after its time-out (default {@value #DEFAULT_TIMEOUT_SECONDS} s); its pending entry is removed
 * then, whatever ended it. Requests are persistent, {@code mandatory} and publisher-confirmed, so a
 * request nothing is bound to fails at once ({@link UnroutableRequestException}). An exception
 * reply fails the call with a {@link RemoteException}, or the Java exception its
 * {@link RemoteErrors} allow-list maps the name to.
 *
 * <p>The first call to a vhost connects, declares the reply queue and binds on the calling thread
 * (and the first call to each host binds for it); later calls only publish. A lost connection is
 * re-established in the background with the daemons' back-off ({@link RpcClientBuilder#recoveryPolicy}):
 * pending calls keep waiting and get the replies that arrived meanwhile, requests whose confirm
 * had not come are published again with the same UUID, and calls made meanwhile wait for the link
 * (or fail at once, {@link RpcClientBuilder#failFastWhenDisconnected}). Futures complete, and
 * progress listeners run, on the client's delivery and timer threads: do not block in dependent
 * stages (use the {@code *Async} variants for slow work). Thread-safe.
 */
public final class RpcClient implements AutoCloseable {

    static final long DEFAULT_TIMEOUT_SECONDS = 30;
    /** The time-out of a call that sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    /** How long an abandoned reply queue stays on the broker. */
    public static final Duration DEFAULT_REPLY_QUEUE_EXPIRY = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

    private final ClientConfig config;
    private final PendingCalls pending;
    private final ReplyDispatcher dispatcher;
    private final Map<String, VhostLink> links = new HashMap<>();
    private volatile boolean closed;

    RpcClient(ClientConfig config) {
        this.config = config;
        this.pending = new PendingCalls(config.clientId());
        this.dispatcher = new ReplyDispatcher(config, pending);
    }

    /**
     * A builder for a client of the broker in {@code amqp}. Defaults: a random client id, time-out
     * {@link #DEFAULT_TIMEOUT}, replies decoded as plain JSON until reply types are registered, no
     * exception rebuilding, bindings created, a durable reply queue expiring after
     * {@link #DEFAULT_REPLY_QUEUE_EXPIRY}.
     */
    public static RpcClientBuilder builder(AmqpSettings amqp) {
        return new RpcClientBuilder(amqp);
    }

    /** Calls {@code host} with the client's default time-out and no progress listener. */
    public CompletableFuture<Object> call(HostSettings host, Object request) {
        return call(host, request, CallOptions.defaults());
    }

    /** Calls {@code host}; the future holds the final reply decoded with the vhost's reply types. */
    public CompletableFuture<Object> call(HostSettings host, Object request, CallOptions options) {
        return call(host, request, Object.class, options);
    }

    /** Calls {@code host}; a final reply that is not a {@code replyType} fails the call. */
    public <T> CompletableFuture<T> call(HostSettings host, Object request, Class<T> replyType, CallOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(replyType, "replyType");
        NtCodec codec = config.codec(host.vhost());
        byte[] body;
        try {
            body = codec.encode(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(host, body, options, codec::decode, reply -> codec.decode(reply, replyType));
    }

    /**
     * Sends {@code body} as it is (a request file, a captured message) and completes with the final
     * reply's bytes; progress listeners get bytes too. Nothing is decoded.
     */
    public CompletableFuture<byte[]> callRaw(HostSettings host, byte[] body, CallOptions options) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(body, "body");
        return send(host, body, options, reply -> reply, reply -> reply);
    }

    /** {@link #call(HostSettings, Object)}, waiting for the outcome; failures are thrown as they are. */
    public Object callAndWait(HostSettings host, Object request) throws InterruptedException {
        return await(call(host, request));
    }

    /** {@link #call(HostSettings, Object, Class, CallOptions)}, waiting for the outcome. */
    public <T> T callAndWait(HostSettings host, Object request, Class<T> replyType, CallOptions options)
            throws InterruptedException {
        return await(call(host, request, replyType, options));
    }

    private <T> CompletableFuture<T> send(HostSettings host, byte[] body, CallOptions options,
                                          Function<byte[], Object> progressDecoder, Function<byte[], T> resultDecoder) {
        Objects.requireNonNull(options, "options");
        VhostLink link;
        try {
            link = link(host.vhost());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String uuid = options.uuid() != null ? options.uuid() : UUID.randomUUID().toString();
        Duration timeout = options.timeout() != null ? options.timeout() : config.defaultTimeout();
        PendingCall<T> call = new PendingCall<>(uuid, host, link, timeout, progressDecoder, resultDecoder,
                options.progress());
        try {
            pending.add(call, this::timedOut);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (closed) {
            pending.fail(call, new ClientClosedException("the client is closed"));
            return call.future;
        }
        try {
            // Connects on this thread if it is the vhost's first call; holds the request while the link is down.
            link.send(new Outgoing(call, Routing.requestKey(config.clientId(), host), body));
        } catch (RpcException e) {
            pending.fail(call, e);
        } catch (IOException | RuntimeException e) {
            pending.fail(call, new RpcException("could not publish the request to host '" + host.name()
                    + "' in vhost '" + host.vhost() + "': " + e, e));
        }
        return call.future;
    }

    private synchronized VhostLink link(String vhost) {
        if (closed) {
            throw new ClientClosedException("the client is closed");
        }
        return links.computeIfAbsent(vhost, name -> new VhostLink(name, config, pending, dispatcher));
    }

    private RuntimeException timedOut(PendingCall<?> call) {
        String outage = call.link == null ? null : call.link.outage();
        String within = "host '" + call.host.name() + "' (vhost '" + call.vhost() + "', queue '"
                + call.host.inputQueue() + "') sent no final reply within " + PendingCalls.describe(call.timeout)
                + " for UUID " + call.uuid;
        if (outage != null) {
            return new RpcTimeoutException(within + " because the broker link was down: " + outage
                    + "; a late reply will be dropped");
        }
        return new RpcTimeoutException(within + "; is its daemon running? A late reply will be dropped");
    }

    /**
     * Fails every pending call with a {@link ClientClosedException} at once, stops reconnecting,
     * then removes this client's request bindings and reply queue and disconnects. Idempotent.
     */
    @Override
    public void close() {
        List<VhostLink> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(links.values());
            links.clear();
        }
        pending.failAll(call -> true, call -> new ClientClosedException("the client was closed while the call to host '"
                + call.host.name() + "' (UUID " + call.uuid + ") was pending"));
        all.forEach(VhostLink::close);
        pending.shutdown();
    }

    /** The prefix of this client's routing keys and the suffix of its reply queue's name. */
    public String clientId() {
        return config.clientId();
    }

    /** The queue this client consumes its replies from, in every vhost. */
    public String replyQueue() {
        return config.replyQueue();
    }

    /** The routing key requests to {@code host} are published with. */
    public String requestKey(HostSettings host) {
        return Routing.requestKey(config.clientId(), host);
    }

    /** The bindings calls to {@code host} need, as {@code E["key"] -> queue}: request first, then reply. */
    public List<String> requiredBindings(HostSettings host) {
        String requestKey = requestKey(host);
        return List.of(Routing.describe(host.exchange(), requestKey, host.inputQueue()),
                Routing.describe(host.exchange(), host.replyKey(requestKey), config.replyQueue()));
    }

    /** Calls waiting for their final reply. */
    public int pendingCalls() {
        return pending.size();
    }

    /** Replies that arrived for no pending call (late, after a time-out or cancel) and were dropped. */
    public long droppedReplies() {
        return pending.late().count();
    }

    /** Requests whose publisher confirm has not arrived; for tests, which check that none is kept. */
    synchronized int unconfirmedRequests() {
        return links.values().stream().mapToInt(VhostLink::unconfirmed).sum();
    }

    /** Time-outs still armed; for tests, which check that none outlives its call. */
    int armedTimers() {
        return pending.armedTimers();
    }

    private static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new RpcException(String.valueOf(cause), cause);
        }
    }
}

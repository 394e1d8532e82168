package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.BrokerRefusal;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * One connection of the client to a vhost: a confirming publisher channel, the consumer of the
 * client's reply queue, and the bindings made on it. It is thrown away whole when any part of it
 * fails (as the daemons throw away a whole RpcDaemon); its {@link VhostLink} then builds a new one.
 */
final class LinkSession {

    private static final Logger log = LoggerFactory.getLogger(LinkSession.class);
    private static final int PERSISTENT = 2;

    private final String vhost;
    private final ClientConfig config;
    private final PendingCalls pending;
    private final Connection connection;
    private final Channel publisher;
    private final Channel consumer;
    private final Object publishLock = new Object();
    private final Object bindLock = new Object();
    private final ConcurrentSkipListMap<Long, Outgoing> unconfirmed = new ConcurrentSkipListMap<>();
    private final Set<HostSettings> bound = ConcurrentHashMap.newKeySet();
    private boolean detached; // guarded by publishLock
    private volatile boolean closing;
    private volatile String lostReason;

    private LinkSession(String vhost, ClientConfig config, PendingCalls pending, Connection connection)
            throws IOException {
        this.vhost = vhost;
        this.config = config;
        this.pending = pending;
        this.connection = connection;
        this.publisher = connection.createChannel();
        this.consumer = connection.createChannel();
    }

    /**
     * Connects, declares the reply queue, starts consuming it and turns on confirms.
     *
     * @param onLost called with the reason, possibly more than once, when the connection, a channel
     *               or the reply consumer goes away without {@link #close} or {@link #abort}
     * @throws BrokerUnavailableException when the broker cannot be reached, or the connection drops
     *                                    while setting up: waiting may help
     * @throws RpcException               when the broker refuses the queue or the consumer
     */
    static LinkSession open(String vhost, ClientConfig config, PendingCalls pending, ReplyDispatcher dispatcher,
                            BiConsumer<LinkSession, String> onLost) {
        Connection connection = BrokerConnection.open(config.amqp(), vhost, "edeposit-client " + config.clientId());
        try {
            ReplyQueue.declare(connection, vhost, config);
            LinkSession session = new LinkSession(vhost, config, pending, connection);
            session.startPublisher();
            session.startConsumer(dispatcher, onLost);
            // Registered last: a listener added to something already shut down runs at once.
            connection.addShutdownListener(cause -> session.lost(onLost, reason(cause)));
            session.publisher.addShutdownListener(cause -> session.lost(onLost, reason(cause)));
            session.consumer.addShutdownListener(cause -> session.lost(onLost, reason(cause)));
            return session;
        } catch (IOException | RuntimeException e) {
            // A refusal closes only the channel it happened on; a closed connection is an outage.
            boolean dropped = !connection.isOpen();
            connection.abort(2_000);
            if (dropped) {
                throw new BrokerUnavailableException("lost the connection to vhost '" + vhost
                        + "' while setting up the client: " + e.getMessage());
            }
            throw e instanceof RpcException rpc ? rpc
                    : new RpcException("cannot set up the client in vhost '" + vhost + "': " + e, e);
        }
    }

    private static String reason(ShutdownSignalException cause) {
        return String.valueOf(cause.getReason() != null ? cause.getReason() : cause.getMessage());
    }

    private void lost(BiConsumer<LinkSession, String> onLost, String reason) {
        if (!closing) {
            if (lostReason == null) {
                lostReason = reason;
            }
            onLost.accept(this, reason);
        }
    }

    private void startPublisher() throws IOException {
        publisher.confirmSelect();
        publisher.addReturnListener(this::returned);
        publisher.addConfirmListener((seq, multiple) -> confirmed(seq, multiple, true),
                (seq, multiple) -> confirmed(seq, multiple, false));
    }

    private void startConsumer(ReplyDispatcher dispatcher, BiConsumer<LinkSession, String> onLost) throws IOException {
        // Exclusive consumer: a second live client with the same id fails here instead of stealing replies.
        // Acked after dispatch, so a reply on the wire when the connection drops is delivered again.
        try {
            consumer.basicConsume(config.replyQueue(), false, "", false, true, null, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    try {
                        dispatcher.dispatch(vhost, envelope, properties, body);
                    } catch (RuntimeException e) {
                        log.error("Could not dispatch a reply in vhost '{}' (key '{}')", vhost, envelope.getRoutingKey(), e);
                    }
                    try {
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                    } catch (IOException | RuntimeException e) {
                        // The channel is gone: the broker delivers the reply again, and a repeat is dropped as late.
                    }
                }

                @Override
                public void handleCancel(String tag) {
                    lost(onLost, "the broker cancelled the consumer of reply queue '" + config.replyQueue()
                            + "' (was it deleted?)");
                }
            });
        } catch (IOException e) {
            BrokerRefusal refusal = BrokerRefusal.of(e);
            throw new RpcException("cannot consume reply queue '" + config.replyQueue() + "' in vhost '" + vhost
                    + "': " + refusal.text() + (refusal.accessRefused()
                    ? " (is another client running with id '" + config.clientId() + "'?)" : ""), e);
        }
    }

    boolean isOpen() {
        return !closing && lostReason == null && connection.isOpen() && publisher.isOpen() && consumer.isOpen();
    }

    /** Why this session went away; {@code null} while it is up. */
    String lostReason() {
        return lostReason != null ? lostReason : isOpen() ? null : "the connection is closed";
    }

    /**
     * Binds what calls to {@code host} need, once per host and session: the reply queue to
     * {@code E[<id>.<output key>]}, and, unless disabled, {@code E[<id>.<input key>] -> <input queue>}.
     *
     * @return whether this call made the bindings (false: they were there already)
     * @throws RpcException when the broker refuses a binding, or the connection fails meanwhile
     */
    boolean bind(HostSettings host) {
        if (bound.contains(host)) {
            return false;
        }
        synchronized (bindLock) {
            if (bound.contains(host)) {
                return false;
            }
            String requestKey = Routing.requestKey(config.clientId(), host);
            bind(config.replyQueue(), host.exchange(), host.replyKey(requestKey), host);
            if (config.createBindings()) {
                bind(host.inputQueue(), host.exchange(), requestKey, host);
            }
            bound.add(host);
            return true;
        }
    }

    private void bind(String queue, String exchange, String key, HostSettings host) {
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueBind(queue, exchange, key);
        } catch (IOException | RuntimeException e) {
            BrokerRefusal refusal = e instanceof IOException ? BrokerRefusal.of(e)
                    : new BrokerRefusal(0, 0, 0, e.toString(), false);
            String what = "cannot bind " + Routing.describe(exchange, key, queue) + " in vhost '" + vhost + "': "
                    + refusal.text();
            if (refusal.notFound()) {
                throw new RpcException(what + "; create the schema with: edeposit-amqp-tool --host " + host.name()
                        + " --create", e);
            }
            if (refusal.accessRefused()) {
                throw new RpcException(what + "; grant the user write on the queue and read on the exchange,"
                        + " or have an operator create the binding and use createBindings(false)", e);
            }
            throw new RpcException(what, e);
        }
    }

    /**
     * Publishes a request persistent and mandatory; a return or nack later fails the call.
     *
     * @return false when this session is gone (before or during the publish): the request was not
     *         taken and belongs to the next session
     */
    boolean publish(Outgoing request) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(PERSISTENT)
                .headers(Map.of(WireHeaders.UUID, request.call().uuid))
                .build();
        synchronized (publishLock) {
            if (detached) {
                return false;
            }
            long seq = publisher.getNextPublishSeqNo();
            unconfirmed.put(seq, request);
            try {
                publisher.basicPublish(request.call().host.exchange(), request.routingKey(), true, properties,
                        request.body());
            } catch (IOException | RuntimeException e) {
                unconfirmed.remove(seq);
                if (!isOpen()) {
                    return false;
                }
                throw e;
            }
        }
        return true;
    }

    /**
     * Ends publishing on this session and hands over the requests whose confirm did not come, in
     * the order they were published: the broker may or may not have them (in doubt).
     */
    List<Outgoing> detach() {
        synchronized (publishLock) {
            detached = true;
            List<Outgoing> inDoubt = new ArrayList<>(unconfirmed.values());
            unconfirmed.clear();
            return inDoubt;
        }
    }

    /** The broker returns an unroutable mandatory message before it confirms it. */
    private void returned(Return returned) {
        PendingCall<?> call = pending.get(Headers.text(returned.getProperties(), WireHeaders.UUID));
        if (call == null) {
            return;
        }
        pending.fail(call, new UnroutableRequestException("the request to host '" + call.host.name()
                + "' was returned as unroutable (" + returned.getReplyText() + "): no queue is bound to "
                + "routing key '" + returned.getRoutingKey() + "' on exchange '" + returned.getExchange()
                + "' in vhost '" + vhost + "'; the broker needs the binding "
                + Routing.describe(returned.getExchange(), returned.getRoutingKey(), call.host.inputQueue())
                + (config.createBindings() ? " (the client created it: was the queue or binding removed since?)"
                : " (create it, or let the client do so with createBindings(true))")));
    }

    private void confirmed(long seq, boolean multiple, boolean ack) {
        ConcurrentNavigableMap<Long, Outgoing> done = multiple
                ? unconfirmed.headMap(seq, true) : unconfirmed.subMap(seq, true, seq, true);
        if (!ack) {
            for (Outgoing request : done.values()) {
                pending.fail(request.call(), new RpcException("the broker refused to take the request to host '"
                        + request.call().host.name() + "' (basic.nack, e.g. a full disk or a queue limit); it was"
                        + " not delivered"));
            }
        }
        done.clear();
    }

    /** Removes the request bindings made on this session and the reply queue, then disconnects. */
    void close() {
        closing = true;
        if (connection.isOpen()) {
            try (var channel = new ThrowawayChannel(connection)) {
                if (config.createBindings()) {
                    for (HostSettings host : bound) {
                        String requestKey = Routing.requestKey(config.clientId(), host);
                        channel.get().queueUnbind(host.inputQueue(), host.exchange(), requestKey);
                    }
                }
                channel.get().queueDelete(config.replyQueue());
            } catch (IOException | RuntimeException e) {
                log.debug("Cleaning up vhost '{}' failed; the reply queue expires by itself", vhost, e);
            }
        }
        abort();
    }

    /**
     * Disconnects without touching the broker's topology: the reply queue keeps the replies for
     * the next session, and the bindings stay for it.
     */
    void abort() {
        closing = true;
        // A connection already shut down finishes on its own thread; aborting it would only close
        // the socket under that thread, which amqp-client then logs as an unexpected error.
        if (connection.isOpen()) {
            connection.abort(2_000);
        }
    }

    /** Requests whose confirms are outstanding; for tests. */
    int unconfirmed() {
        return unconfirmed.size();
    }
}

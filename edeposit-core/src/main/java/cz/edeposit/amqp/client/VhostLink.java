package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Return;
import cz.edeposit.amqp.rpc.BrokerConnection;
import cz.edeposit.amqp.rpc.WireHeaders;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * The client's presence in one vhost: a connection, a confirming publisher channel, a consumer of
 * the client's own reply queue, and the bindings that route requests and replies.
 *
 * <p>Recovery is deliberately not here yet: when the connection drops, the owner fails the calls
 * that went through this link and opens a new link on the next call. The reply queue is not
 * exclusive but expires, so a future reconnecting link can pick up replies that arrived meanwhile.
 */
final class VhostLink {

    private static final Logger log = LoggerFactory.getLogger(VhostLink.class);
    private static final int PERSISTENT = 2;

    private record Binding(String queue, String exchange, String key) {
    }

    final String vhost;
    private final ClientConfig config;
    private final PendingCalls pending;
    private final Connection connection;
    private final Channel publisher;
    private final Object publishLock = new Object();
    private final ConcurrentSkipListMap<Long, PendingCall<?>> unconfirmed = new ConcurrentSkipListMap<>();
    private final Set<HostSettings> prepared = ConcurrentHashMap.newKeySet();
    private final Set<Binding> requestBindings = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private VhostLink(String vhost, ClientConfig config, PendingCalls pending, Connection connection,
                      Channel publisher) {
        this.vhost = vhost;
        this.config = config;
        this.pending = pending;
        this.connection = connection;
        this.publisher = publisher;
    }

    /**
     * Connects, declares the reply queue and starts consuming it.
     *
     * @param onLost called once with the reason when the connection or the reply consumer goes away
     *               without {@link #close()}
     */
    static VhostLink open(String vhost, ClientConfig config, PendingCalls pending, ReplyDispatcher dispatcher,
                          BiConsumer<VhostLink, String> onLost) {
        Connection connection = BrokerConnection.open(config.amqp(), vhost, "edeposit-client " + config.clientId());
        try {
            declareReplyQueue(connection, vhost, config);
            VhostLink link = new VhostLink(vhost, config, pending, connection, connection.createChannel());
            link.startPublisher();
            link.startConsumer(dispatcher, onLost);
            connection.addShutdownListener(cause -> {
                if (!link.closing) {
                    onLost.accept(link, String.valueOf(cause.getReason() != null ? cause.getReason() : cause.getMessage()));
                }
            });
            return link;
        } catch (IOException | RuntimeException e) {
            connection.abort(2_000);
            throw e instanceof RpcException rpc ? rpc
                    : new RpcException("cannot set up the client in vhost '" + vhost + "': " + e, e);
        }
    }

    private static void declareReplyQueue(Connection connection, String vhost, ClientConfig config) throws IOException {
        String queue = config.replyQueue();
        Map<String, Object> arguments = Map.of("x-expires", config.replyQueueExpiry().toMillis());
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueDeclare(queue, config.durableReplyQueue(), false, false, arguments);
        } catch (IOException e) {
            BrokerRefusal refusal = BrokerRefusal.of(e);
            if (refusal.code() == BrokerRefusal.PRECONDITION_FAILED) {
                throw new RpcException("reply queue '" + queue + "' in vhost '" + vhost + "' exists with other"
                        + " arguments (" + refusal.text() + "); another client with id '" + config.clientId()
                        + "' and other settings? choose another client id or wait until the queue expires", e);
            }
            throw new RpcException("cannot declare reply queue '" + queue + "' in vhost '" + vhost + "': "
                    + refusal.text() + " (the user needs configure permission on '" + queue + "')", e);
        }
    }

    private void startPublisher() throws IOException {
        publisher.confirmSelect();
        publisher.addReturnListener(this::returned);
        publisher.addConfirmListener((seq, multiple) -> confirmed(seq, multiple, true),
                (seq, multiple) -> confirmed(seq, multiple, false));
    }

    private void startConsumer(ReplyDispatcher dispatcher, BiConsumer<VhostLink, String> onLost) throws IOException {
        Channel consumer = connection.createChannel();
        // Exclusive consumer: a second live client with the same id fails here instead of stealing replies.
        try {
            consumer.basicConsume(config.replyQueue(), true, "", false, true, null, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    try {
                        dispatcher.dispatch(vhost, envelope, properties, body);
                    } catch (RuntimeException e) {
                        log.error("Could not dispatch a reply in vhost '{}' (key '{}')", vhost, envelope.getRoutingKey(), e);
                    }
                }

                @Override
                public void handleCancel(String tag) {
                    onLost.accept(VhostLink.this, "the broker cancelled the consumer of reply queue '"
                            + config.replyQueue() + "' (was it deleted?)");
                }
            });
        } catch (IOException e) {
            BrokerRefusal refusal = BrokerRefusal.of(e);
            throw new RpcException("cannot consume reply queue '" + config.replyQueue() + "' in vhost '" + vhost
                    + "': " + refusal.text() + (refusal.code() == BrokerRefusal.ACCESS_REFUSED
                    ? " (is another client running with id '" + config.clientId() + "'?)" : ""), e);
        }
    }

    boolean isOpen() {
        return !closing && connection.isOpen() && publisher.isOpen();
    }

    /**
     * Binds what calls to {@code host} need, once per host: the reply queue to
     * {@code E[<id>.<output key>]}, and, unless disabled, {@code E[<id>.<input key>] -> <input queue>}.
     */
    void prepare(HostSettings host) {
        if (prepared.contains(host)) {
            return;
        }
        synchronized (this) {
            if (prepared.contains(host)) {
                return;
            }
            String requestKey = Routing.requestKey(config.clientId(), host);
            bind(new Binding(config.replyQueue(), host.exchange(), host.replyKey(requestKey)), host);
            if (config.createBindings()) {
                Binding request = new Binding(host.inputQueue(), host.exchange(), requestKey);
                bind(request, host);
                requestBindings.add(request);
            }
            prepared.add(host);
        }
    }

    private void bind(Binding binding, HostSettings host) {
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueBind(binding.queue(), binding.exchange(), binding.key());
        } catch (IOException e) {
            BrokerRefusal refusal = BrokerRefusal.of(e);
            String what = "cannot bind " + Routing.describe(binding.exchange(), binding.key(), binding.queue())
                    + " in vhost '" + vhost + "': " + refusal.text();
            if (refusal.code() == BrokerRefusal.NOT_FOUND) {
                throw new RpcException(what + "; create the schema with: edeposit-amqp-tool --host " + host.name()
                        + " --create", e);
            }
            if (refusal.code() == BrokerRefusal.ACCESS_REFUSED) {
                throw new RpcException(what + "; grant the user write on the queue and read on the exchange,"
                        + " or have an operator create the binding and use createBindings(false)", e);
            }
            throw new RpcException(what, e);
        }
    }

    /** Publishes a request persistent and mandatory; a return or nack later fails the call. */
    void publish(PendingCall<?> call, String routingKey, byte[] body) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(PERSISTENT)
                .headers(Map.of(WireHeaders.UUID, call.uuid))
                .build();
        synchronized (publishLock) {
            long seq = publisher.getNextPublishSeqNo();
            unconfirmed.put(seq, call);
            try {
                publisher.basicPublish(call.host.exchange(), routingKey, true, properties, body);
            } catch (IOException | RuntimeException e) {
                unconfirmed.remove(seq);
                throw e;
            }
        }
    }

    /** The broker returns an unroutable mandatory message before it confirms it. */
    private void returned(Return returned) {
        PendingCall<?> call = pending.get(HeaderValues.text(returned.getProperties(), WireHeaders.UUID));
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
        ConcurrentNavigableMap<Long, PendingCall<?>> done = multiple
                ? unconfirmed.headMap(seq, true) : unconfirmed.subMap(seq, true, seq, true);
        if (!ack) {
            for (PendingCall<?> call : done.values()) {
                pending.fail(call, new RpcException("the broker refused to take the request to host '"
                        + call.host.name() + "' (basic.nack, e.g. a full disk or a queue limit); it was not delivered"));
            }
        }
        done.clear();
    }

    /** Removes the request bindings this link created and the reply queue, then disconnects. */
    void close() {
        closing = true;
        if (connection.isOpen()) {
            try (var channel = new ThrowawayChannel(connection)) {
                for (Binding binding : requestBindings) {
                    channel.get().queueUnbind(binding.queue(), binding.exchange(), binding.key());
                }
                channel.get().queueDelete(config.replyQueue());
            } catch (IOException | RuntimeException e) {
                log.debug("Cleaning up vhost '{}' failed; the reply queue expires by itself", vhost, e);
            }
        }
        connection.abort(2_000);
    }

    /**
     * Disconnects without touching the broker's topology: after a failure a new link with the same
     * reply queue may already exist, whose queue a clean-up would delete.
     */
    void abandon() {
        closing = true;
        connection.abort(2_000);
    }

    /** Requests whose confirms are outstanding; for tests. */
    int unconfirmed() {
        return unconfirmed.size();
    }
}

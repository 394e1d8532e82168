package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Configures an {@link RpcClient}; see {@link RpcClient#builder(AmqpSettings)} for the defaults. */
public final class RpcClientBuilder {

    /** One topic word: no dots (parseKey and wildcard bindings work on words) and no {@code *} or {@code #}. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final AmqpSettings amqp;
    private String clientId = "java-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration defaultTimeout = RpcClient.DEFAULT_TIMEOUT;
    private final Map<String, TypeRegistry> replyTypes = new HashMap<>();
    private final Map<String, Set<String>> progressNames = new HashMap<>();
    private RemoteErrors remoteErrors = RemoteErrors.none();
    private boolean createBindings = true;
    private Duration replyQueueExpiry = RpcClient.DEFAULT_REPLY_QUEUE_EXPIRY;
    private boolean durableReplyQueue = true;
    private RecoveryPolicy recovery = RecoveryPolicy.defaults();
    private boolean failFastWhenDisconnected;

    RpcClientBuilder(AmqpSettings amqp) {
        this.amqp = Objects.requireNonNull(amqp, "amqp");
    }

    /**
     * The prefix of this client's routing keys ({@code <id>.request}, {@code <id>.result}) and the
     * name of its reply queue ({@code edeposit-client.<id>}); unique among the clients alive at
     * one time. Default: {@code java-} and 8 random hex digits.
     */
    public RpcClientBuilder clientId(String id) {
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("client id must match " + CLIENT_ID + " (one topic word), not '" + id + "'");
        }
        this.clientId = id;
        return this;
    }

    /** The time-out of calls that do not set one; default {@link RpcClient#DEFAULT_TIMEOUT}. */
    public RpcClientBuilder defaultTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("default timeout must be positive, not " + timeout);
        }
        this.defaultTimeout = timeout;
        return this;
    }

    /**
     * The reply types of {@code vhost}: the allow-list replies from daemons there are decoded with.
     * Called twice for one vhost (aleph and aleph_link_export share {@code aleph}), the lists merge.
     * Without one, replies decode to plain JSON values only.
     */
    public RpcClientBuilder replyTypes(String vhost, TypeRegistry types) {
        Objects.requireNonNull(types, "types");
        replyTypes.merge(requireVhost(vhost), types, TypeRegistry::plus);
        return this;
    }

    /** {@link #replyTypes(String, TypeRegistry)} for the vhost of {@code host}. */
    public RpcClientBuilder replyTypes(HostSettings host, TypeRegistry types) {
        return replyTypes(host.vhost(), types);
    }

    /**
     * The {@code __nt_name}s that are progress messages in {@code vhost}, e.g. downloader's
     * {@code Progress}. Needed only for daemons that do not send the {@code x-edeposit-reply}
     * header (the Python ones): without it, every reply of theirs is final.
     */
    public RpcClientBuilder progressTypes(String vhost, String... ntNames) {
        Set<String> names = progressNames.computeIfAbsent(requireVhost(vhost), v -> new HashSet<>());
        for (String name : List.of(ntNames)) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("progress type name must not be blank");
            }
            names.add(name);
        }
        return this;
    }

    /** The allow-list of exception names rebuilt as Java exceptions; default {@link RemoteErrors#none()}. */
    public RpcClientBuilder remoteErrors(RemoteErrors errors) {
        this.remoteErrors = Objects.requireNonNull(errors, "errors");
        return this;
    }

    /**
     * Whether the client binds {@code E["<id>.<input key>"] -> <input queue>} for each host it calls
     * (default true) and removes the binding on close. Turn it off when the user may not bind; an
     * operator then creates the binding, and a call without it fails with an
     * {@link UnroutableRequestException} naming it.
     */
    public RpcClientBuilder createBindings(boolean create) {
        this.createBindings = create;
        return this;
    }

    /**
     * How long the reply queue outlives the client ({@code x-expires}) when it dies without
     * closing; default {@link RpcClient#DEFAULT_REPLY_QUEUE_EXPIRY}, at least one second.
     */
    public RpcClientBuilder replyQueueExpiry(Duration expiry) {
        if (expiry == null || expiry.toMillis() < 1000) {
            throw new IllegalArgumentException("reply queue expiry must be at least 1 s, not " + expiry);
        }
        this.replyQueueExpiry = expiry;
        return this;
    }

    /**
     * Whether the reply queue is durable (default true): persistent replies then survive a broker
     * restart until the queue expires. A transient queue saves the broker some disk writes.
     */
    public RpcClientBuilder durableReplyQueue(boolean durable) {
        this.durableReplyQueue = durable;
        return this;
    }

    /**
     * How the client gets a lost link back, with the daemons' rules; default
     * {@link RecoveryPolicy#defaults()} (reconnect forever, back-off from 1 s to 30 s, wait for a
     * broker that is down at the first call). {@code failFast} fails the calls pending on a lost
     * link at once instead of reconnecting; {@code brokerWait} bounds how long a vhost not reached
     * yet is waited for (zero: the first call fails at once). Pending calls stay bounded by their
     * time-outs either way.
     */
    public RpcClientBuilder recoveryPolicy(RecoveryPolicy policy) {
        this.recovery = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Whether a call made while its vhost's link is down fails at once with an {@link RpcException}
     * naming the outage (default false: it waits for the link, bounded by its time-out). Calls
     * already pending when the link went down wait either way.
     */
    public RpcClientBuilder failFastWhenDisconnected(boolean failFast) {
        this.failFastWhenDisconnected = failFast;
        return this;
    }

    /** The client; it connects to a vhost on the first call there. */
    public RpcClient build() {
        Map<String, NtCodec> codecs = new HashMap<>();
        replyTypes.forEach((vhost, types) -> codecs.put(vhost, new NtCodec(types)));
        Map<String, Set<String>> progress = new HashMap<>();
        progressNames.forEach((vhost, names) -> progress.put(vhost, Set.copyOf(names)));
        return new RpcClient(new ClientConfig(amqp, clientId, defaultTimeout, Map.copyOf(codecs),
                Map.copyOf(progress), remoteErrors, createBindings, replyQueueExpiry, durableReplyQueue, recovery,
                failFastWhenDisconnected));
    }

    private static String requireVhost(String vhost) {
        if (vhost == null || vhost.isEmpty()) {
            throw new IllegalArgumentException("vhost must not be empty, not '" + vhost + "'");
        }
        return vhost;
    }
}

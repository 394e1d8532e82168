package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.settings.AmqpSettings;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything an {@link RpcClient} was built with; immutable.
 *
 * @param replyCodecs    per vhost, the codec whose allow-list decodes replies
 * @param progressNames  per vhost, the {@code __nt_name}s that mark a reply without the
 *                       {@code x-edeposit-reply} header (a Python daemon's) as progress
 * @param recovery       how a link reconnects: the daemons' rules
 * @param failFastWhenDisconnected whether a new call fails at once while its link is down,
 *                       instead of waiting for it
 */
record ClientConfig(AmqpSettings amqp, String clientId, Duration defaultTimeout,
                    Map<String, NtCodec> replyCodecs, Map<String, Set<String>> progressNames,
                    RemoteErrors remoteErrors, boolean createBindings, Duration replyQueueExpiry,
                    boolean durableReplyQueue, RecoveryPolicy recovery, boolean failFastWhenDisconnected) {

    private static final NtCodec PLAIN_JSON = new NtCodec(TypeRegistry.of());

    /** The reply codec of {@code vhost}; one that decodes plain JSON only when none was given. */
    NtCodec codec(String vhost) {
        return replyCodecs.getOrDefault(vhost, PLAIN_JSON);
    }

    Set<String> progressNames(String vhost) {
        return progressNames.getOrDefault(vhost, Set.of());
    }

    /** The queue this client's replies land in, in every vhost it talks to. */
    String replyQueue() {
        return "edeposit-client." + clientId;
    }
}

package cz.edeposit.amqp.client;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerRefusal;

import java.io.IOException;
import java.util.Map;

/**
 * The client's reply queue {@code edeposit-client.<id>}: durable unless told otherwise, not
 * exclusive, expiring ({@code x-expires}) when unused, so that it outlives a lost connection with
 * the replies that arrive meanwhile, and disappears when the client is gone for good.
 */
final class ReplyQueue {

    private ReplyQueue() {
    }

    /** Declares it, as often as a session starts: the same arguments each time, so the broker agrees. */
    static void declare(Connection connection, String vhost, ClientConfig config) throws IOException {
        String queue = config.replyQueue();
        Map<String, Object> arguments = Map.of("x-expires", config.replyQueueExpiry().toMillis());
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueDeclare(queue, config.durableReplyQueue(), false, false, arguments);
        } catch (IOException e) {
            BrokerRefusal refusal = BrokerRefusal.of(e);
            if (refusal.preconditionFailed()) {
                throw new RpcException("reply queue '" + queue + "' in vhost '" + vhost + "' exists with other"
                        + " arguments (" + refusal.text() + "); another client with id '" + config.clientId()
                        + "' and other settings? choose another client id or wait until the queue expires", e);
            }
            // On a cluster, 404 is the queue's node being down (docs/scaling.md): the link retries until it is back.
            String hint = refusal.notFound() ? " (the reply queue lives on that node alone; its replies wait there)"
                    : " (the user needs configure permission on '" + queue + "')";
            throw new RpcException("cannot declare reply queue '" + queue + "' in vhost '" + vhost + "': "
                    + refusal.text() + hint, e);
        }
    }
}

package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --put}: publishes bytes unchanged as a request to a host (docs/tool.md, "`--put`"), and, unlike the
 * original, waits for the broker's confirm and reports a message no queue received.
 */
final class Publisher {

    private final BrokerAccess broker;

    Publisher(BrokerAccess broker) {
        this.broker = broker;
    }

    /**
     * Publishes {@code body} to the host's exchange with its input key and the header {@code UUID: uuid}.
     *
     * @param timeoutSeconds the original's {@code --timeout}: -1 waits for the confirm for ever
     * @throws ToolFailure when the message is unroutable, refused, not confirmed in time or the exchange is missing
     */
    void put(HostSettings host, byte[] body, String uuid, int timeoutSeconds) {
        Connection connection = broker.openExisting(host.vhost(), host.name());
        Deadline deadline = Deadline.after(timeoutSeconds);
        try {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            AtomicReference<Return> returned = new AtomicReference<>();
            channel.addReturnListener(returned::set);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(WireHeaders.JSON)
                    .deliveryMode(WireHeaders.PERSISTENT)
                    .headers(Map.of(WireHeaders.UUID, uuid))
                    .build();
            channel.basicPublish(host.exchange(), host.inputKey(), true, properties, body);
            awaitConfirm(channel, deadline);
            if (returned.get() != null) {
                throw ToolFailure.of("Message not delivered: no queue is bound to exchange '" + host.exchange()
                        + "' with routing key '" + host.inputKey() + "' in vhost '" + host.vhost() + "' ("
                        + returned.get().getReplyText() + ").", hint(host));
            }
        } catch (IOException | ShutdownSignalException e) {
            throw ToolFailure.of("Can't send to exchange '" + host.exchange() + "' in vhost '" + host.vhost() + "': "
                    + BrokerErrors.reason(e), hint(host));
        } finally {
            Connections.close(connection);
        }
    }

    private static void awaitConfirm(Channel channel, Deadline deadline) throws IOException {
        try {
            if (deadline.armed()) {
                channel.waitForConfirmsOrDie(Math.max(1, deadline.remainingMillis()));
            } else {
                channel.waitForConfirmsOrDie();
            }
        } catch (TimeoutException e) {
            throw Deadline.timeouted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolFailure.of("interrupted while waiting for the broker's confirm");
        }
    }

    private static String hint(HostSettings host) {
        return "Hint: create the schema with 'edeposit-amqp-tool --host " + host.name() + " --create'";
    }
}

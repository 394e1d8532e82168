package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.broker.ConfirmedPublisher;
import cz.edeposit.amqp.broker.NotDeliveredException;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --put}: publishes bytes unchanged as a request to a host (docs/tool.md, "`--put`"), and, unlike the
 * original, waits for the broker's confirm and reports a message no queue received (core's
 * {@link ConfirmedPublisher}, in the tool's words).
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
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(WireHeaders.PERSISTENT)
                .headers(Map.of(WireHeaders.UUID, uuid))
                .build();
        try (ConfirmedPublisher publisher = broker.openPublisher(host.vhost(), host.name(),
                Duration.ofSeconds(timeoutSeconds))) {
            publisher.publish(host.exchange(), host.inputKey(), properties, body);
        } catch (NotDeliveredException e) {
            throw notDelivered(host, e);
        } catch (IOException | ShutdownSignalException e) {
            throw cantSend(host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolFailure.of("interrupted while waiting for the broker's confirm");
        }
    }

    private static ToolFailure notDelivered(HostSettings host, NotDeliveredException e) {
        return switch (e.reason()) {
            case RETURNED -> ToolFailure.of("Message not delivered: no queue is bound to exchange '" + host.exchange()
                    + "' with routing key '" + host.inputKey() + "' in vhost '" + host.vhost() + "' ("
                    + e.replyText().orElse("") + ").", hint(host));
            case TIMEOUT -> Deadline.timeouted();
            // The client's own failure (the broker's close of a missing exchange, "nacks received") is the reason.
            case NACKED, CONNECTION_LOST -> cantSend(host, e.getCause() != null ? e.getCause() : e);
        };
    }

    private static ToolFailure cantSend(HostSettings host, Throwable e) {
        return ToolFailure.of("Can't send to exchange '" + host.exchange() + "' in vhost '" + host.vhost() + "': "
                + BrokerErrors.reason(e), hint(host));
    }

    private static String hint(HostSettings host) {
        return "Hint: create the schema with 'edeposit-amqp-tool --host " + host.name() + " --create'";
    }
}

package cz.edeposit.amqp.harvester;

import com.rabbitmq.client.AMQP;
import cz.edeposit.amqp.broker.ConfirmedPublisher;
import cz.edeposit.amqp.broker.NotDeliveredException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes one run's message to exchange {@code harvester} with the output key {@code result} (the portal's queue,
 * FIX D17), persistent and {@code mandatory}, with a random UUID header, and waits for the broker's confirm. A run is
 * a one-shot: unlike the ftp monitor, which retries forever, a message that is returned, nacked or not confirmed in
 * time is reported as not delivered, and the caller remembers nothing. The mechanism is core's
 * {@link ConfirmedPublisher}, on a connection of the run's own.
 */
final class HarvesterPublisher {

    static final String HOST = "harvester";
    private static final Logger LOG = LoggerFactory.getLogger(HarvesterPublisher.class);

    private final AmqpSettings amqp;

    private static Map<String, Object> headers(Map<String, Object> extra) {
        Map<String, Object> headers = new java.util.HashMap<>(extra);
        headers.put(WireHeaders.UUID, UUID.randomUUID().toString());
        return headers;
    }

    HarvesterPublisher(AmqpSettings amqp) {
        this.amqp = amqp;
    }

    /** Whether the broker confirmed the message and some queue took it. */
    boolean publish(byte[] body, String contentType) throws IOException {
        return publish(body, contentType, Map.of());
    }

    /** As {@link #publish(byte[], String)} with more headers, such as the exception headers of {@code --unittest}. */
    boolean publish(byte[] body, String contentType, Map<String, Object> extraHeaders) throws IOException {
        HostSettings host = amqp.host(HOST);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(WireHeaders.PERSISTENT)
                .headers(headers(extraHeaders))
                .build();
        try (ConfirmedPublisher publisher = new ConfirmedPublisher(amqp, host.vhost(), "edeposit-harvester")) {
            publisher.publish(host.exchange(), host.outputKey(), properties, body);
            return true;
        } catch (NotDeliveredException e) {
            LOG.warn("{}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

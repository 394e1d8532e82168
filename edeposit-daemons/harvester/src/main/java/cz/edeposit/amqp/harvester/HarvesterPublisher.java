package cz.edeposit.amqp.harvester;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes one run's message to exchange {@code harvester} with the output key {@code result} (the portal's queue,
 * FIX D17), persistent and {@code mandatory}, with a random UUID header, and waits for the broker's confirm. A run is
 * a one-shot: unlike the ftp monitor, which retries forever, a message that is returned, nacked or not confirmed in
 * time is reported as not delivered, and the caller remembers nothing.
 */
final class HarvesterPublisher {

    static final String HOST = "harvester";
    private static final long CONFIRM_TIMEOUT_MS = 60_000;

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
        try (Connection connection = BrokerConnection.open(amqp, host.vhost(), "edeposit-harvester")) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            AtomicBoolean returned = new AtomicBoolean();
            channel.addReturnListener(message -> returned.set(true));
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(contentType)
                    .deliveryMode(WireHeaders.PERSISTENT)
                    .headers(headers(extraHeaders))
                    .build();
            channel.basicPublish(host.exchange(), host.outputKey(), true, properties, body);
            try {
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            } catch (TimeoutException | IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            // The return, if any, arrives before the confirm (AMQP 0-9-1 publisher confirms).
            return !returned.get();
        }
    }
}

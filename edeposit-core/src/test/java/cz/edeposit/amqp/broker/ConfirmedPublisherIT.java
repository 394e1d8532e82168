package cz.edeposit.amqp.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producers' publisher against the real broker, in a vhost of the test's own (the ftp host's schema). */
class ConfirmedPublisherIT {

    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(2).messageId("import-1")
            .headers(Map.of("UUID", "a-uuid")).build();

    private TestVhost vhost;
    private HostSettings host;
    private ConfirmedPublisher publisher;
    private String connectionName;

    @BeforeEach
    void setUp() throws IOException {
        vhost = TestVhost.withSchema("ftp");
        host = vhost.host();
        connectionName = "confirmed-publisher-it " + vhost.name();
        publisher = new ConfirmedPublisher(vhost.settings(), vhost.name(), connectionName);
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        vhost.close();
    }

    @Test
    void aConfirmedMessageIsInTheQueueWithTheCallersProperties() throws Exception {
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        publisher.publish(host.exchange(), host.outputKey(), PROPERTIES, body);
        GetResponse got = take();
        assertNotNull(got, "the confirmed message is in the output queue");
        assertArrayEquals(body, got.getBody());
        assertEquals("application/json", got.getProps().getContentType());
        assertEquals(2, got.getProps().getDeliveryMode());
        assertEquals("import-1", got.getProps().getMessageId());
        assertEquals("a-uuid", got.getProps().getHeaders().get("UUID").toString());
    }

    @Test
    void aMessageNoQueueTakesIsReportedAsReturnedAndTheNextOneGoesThrough() throws Exception {
        NotDeliveredException returned = assertThrows(NotDeliveredException.class, () ->
                publisher.publish(host.exchange(), "no-such-key", PROPERTIES, new byte[]{1}));
        assertEquals(NotDeliveredException.Reason.RETURNED, returned.reason());
        assertEquals("NO_ROUTE", returned.replyText().orElseThrow());
        assertTrue(returned.getMessage().contains("exchange '" + host.exchange() + "' with key 'no-such-key' in vhost '"
                + vhost.name() + "'"), returned.getMessage());
        assertTrue(returned.getMessage().contains("edeposit-amqp-tool --create"), returned.getMessage());

        publisher.publish(host.exchange(), host.outputKey(), PROPERTIES, new byte[]{2});
        assertArrayEquals(new byte[]{2}, take().getBody());
    }

    @Test
    void aNegativeTimeoutWaitsForTheConfirmForEver() throws Exception {
        try (ConfirmedPublisher patient = new ConfirmedPublisher(vhost.settings(), vhost.name(), connectionName,
                Duration.ofSeconds(-1))) {
            patient.publish(host.exchange(), host.outputKey(), PROPERTIES, new byte[]{3});
        }
        assertArrayEquals(new byte[]{3}, take().getBody());
    }

    @Test
    void aConnectionTheBrokerClosedIsReportedThenANewOneIsOpened() throws Exception {
        publisher.open();
        Await.until("the management API lists the publisher's connection", Duration.ofSeconds(30),
                () -> !vhost.management().connections(vhost.name(), connectionName).isEmpty());
        vhost.management().connections(vhost.name(), connectionName).forEach(vhost.management()::closeConnection);
        Await.until("the publisher sees its connection closed", Duration.ofSeconds(30), () -> !publisher.isOpen());

        NotDeliveredException lost = assertThrows(NotDeliveredException.class, () ->
                publisher.publish(host.exchange(), host.outputKey(), PROPERTIES, new byte[]{1}));
        assertEquals(NotDeliveredException.Reason.CONNECTION_LOST, lost.reason());
        assertTrue(lost.getMessage().contains("vhost '" + vhost.name() + "'"), lost.getMessage());
        assertNull(take(), "nothing was published on the lost connection");

        publisher.publish(host.exchange(), host.outputKey(), PROPERTIES, new byte[]{2});
        assertArrayEquals(new byte[]{2}, take().getBody());
        assertTrue(publisher.isOpen());
    }

    @Test
    void closingTwiceOrBeforeOpeningDoesNothing() throws Exception {
        publisher.close();
        publisher.open();
        publisher.close();
        publisher.close();
        assertFalse(publisher.isOpen());
    }

    private GetResponse take() throws Exception {
        String queue = host.queues().entrySet().stream().filter(q -> q.getValue().equals(host.outputKey()))
                .findFirst().orElseThrow().getKey();
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            return channel.basicGet(queue, true);
        }
    }
}

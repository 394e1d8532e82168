package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the monitor's messages to {@code RABBITMQ_FTP_EXCHANGE} with the output key (the portal's queue),
 * {@code application/json}, persistent and {@code mandatory}, with a fresh version-1 UUID in the {@code UUID}
 * header, and waits for the broker's confirm. Until the broker has confirmed a message it is tried again, with a
 * growing pause and a new connection when the old one broke; a message no queue takes (returned) is tried again
 * too, since the portal's queue may be declared later. Nothing is deleted meanwhile: an import waits.
 */
final class FtpMonitorAmqpPublisher implements FtpMonitorPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorAmqpPublisher.class);
    private static final long CONFIRM_TIMEOUT_MS = 60_000;

    private final AmqpSettings amqp;
    private final HostSettings host;
    private final Backoff backoff;
    private final String connectionName;
    private Connection connection;
    private Channel channel;
    private final AtomicReference<String> returned = new AtomicReference<>();
    private volatile boolean stopping;

    FtpMonitorAmqpPublisher(AmqpSettings amqp, HostSettings host, Backoff backoff, String connectionName) {
        this.amqp = amqp;
        this.host = host;
        this.backoff = backoff;
        this.connectionName = connectionName;
    }

    /** Connects now, so that a start fails fast on wrong settings; a broker that is down is waited for later. */
    void connect() {
        openChannel();
    }

    /** Makes a publish that waits for the broker give up (InterruptedException): nothing was deleted then. */
    void stop() {
        stopping = true;
    }

    @Override
    public void publish(byte[] body, String messageId) throws InterruptedException {
        while (true) {
            try {
                publishOnce(body, messageId);
                backoff.reset();
                return;
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException failure) {
                closeQuietly();
                if (stopping) {
                    throw new InterruptedException("stopping before message " + messageId + " was confirmed");
                }
                Duration pause = backoff.next();
                LOG.warn("message {} not confirmed ({}); trying again in {} s, nothing is deleted meanwhile",
                        messageId, failure.getMessage(), Backoff.seconds(pause));
                for (long slept = 0; slept < pause.toMillis() && !stopping; slept += 100) {
                    Thread.sleep(100);
                }
            }
        }
    }

    private void publishOnce(byte[] body, String messageId) throws IOException, InterruptedException,
            java.util.concurrent.TimeoutException {
        if (channel == null || !channel.isOpen()) {
            openChannel();
        }
        returned.set(null);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(WireHeaders.PERSISTENT)
                .messageId(messageId)
                .headers(Map.of(WireHeaders.UUID, FtpMonitorUuids.next().toString()))
                .build();
        channel.basicPublish(host.exchange(), host.outputKey(), true, properties, body);
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        String returnedId = returned.get();
        if (messageId.equals(returnedId)) {
            throw new IOException("no queue is bound to exchange '" + host.exchange() + "' with key '" + host.outputKey()
                    + "' in vhost '" + host.vhost() + "' (declare the portal's queue, e.g. edeposit-amqp-tool --create)");
        }
    }

    private void openChannel() {
        try {
            if (connection == null || !connection.isOpen()) {
                connection = BrokerConnection.open(amqp, host.vhost(), connectionName);
            }
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.addReturnListener(message -> returned.set(message.getProperties().getMessageId()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a channel in vhost '" + host.vhost() + "': " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.abort(5_000);
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
        connection = null;
        channel = null;
    }

    @Override
    public void close() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(5_000);
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        connection = null;
    }
}

package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.AMQP;
import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.broker.ConfirmedPublisher;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes the monitor's messages to {@code RABBITMQ_FTP_EXCHANGE} with the output key (the portal's queue),
 * {@code application/json}, persistent and {@code mandatory}, with a fresh version-1 UUID in the {@code UUID}
 * header, and waits for the broker's confirm (core's {@link ConfirmedPublisher}). Until the broker has confirmed a
 * message it is tried again, with a growing pause and a new connection when the old one broke; a message no queue
 * takes (returned) is tried again too, since the portal's queue may be declared later. Nothing is deleted
 * meanwhile: an import waits.
 */
final class FtpMonitorAmqpPublisher implements FtpMonitorPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorAmqpPublisher.class);

    private final HostSettings host;
    private final Backoff backoff;
    private final ConfirmedPublisher publisher;
    private volatile boolean stopping;

    FtpMonitorAmqpPublisher(AmqpSettings amqp, HostSettings host, Backoff backoff, String connectionName) {
        this.host = host;
        this.backoff = backoff;
        this.publisher = new ConfirmedPublisher(amqp, host.vhost(), connectionName);
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
            } catch (IOException | RuntimeException failure) {
                publisher.close();
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

    private void publishOnce(byte[] body, String messageId) throws IOException, InterruptedException {
        // A connection lost while idle (heartbeat) is replaced silently, as before a publish; one lost during the
        // publish is a failure that the loop above waits out.
        openChannel();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON)
                .deliveryMode(WireHeaders.PERSISTENT)
                .messageId(messageId)
                .headers(Map.of(WireHeaders.UUID, FtpMonitorUuids.next().toString()))
                .build();
        publisher.publish(host.exchange(), host.outputKey(), properties, body);
    }

    private void openChannel() {
        try {
            publisher.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a channel in vhost '" + host.vhost() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}

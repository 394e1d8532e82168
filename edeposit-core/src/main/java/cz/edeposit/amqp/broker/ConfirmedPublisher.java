package cz.edeposit.amqp.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.settings.AmqpSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes with {@code mandatory} on a confirm channel of one connection to a vhost and waits for the broker's
 * confirm, the producers' publisher (the ftp monitor retries around it; the harvester's one-shot run and the tool's
 * {@code --put} do not).
 * {@link #publish} returns only when the broker confirmed the message and did not return it; otherwise it throws
 * {@link NotDeliveredException} and drops the connection, so that the next {@link #open()} or {@link #publish}
 * starts on a new one. One thread uses an instance; the message properties are the caller's, unchanged.
 */
public final class ConfirmedPublisher implements AutoCloseable {

    /** How long a publish waits for the broker's confirm by default. */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(60);

    private final AmqpSettings amqp;
    private final String vhost;
    private final String connectionName;
    private final Duration confirmTimeout;
    private final AtomicReference<Return> returned = new AtomicReference<>();
    private Connection connection;
    private Channel channel;

    public ConfirmedPublisher(AmqpSettings amqp, String vhost, String connectionName) {
        this(amqp, vhost, connectionName, CONFIRM_TIMEOUT);
    }

    /** @param confirmTimeout how long a publish waits for the confirm; a negative one waits for ever */
    public ConfirmedPublisher(AmqpSettings amqp, String vhost, String connectionName, Duration confirmTimeout) {
        this.amqp = amqp;
        this.vhost = vhost;
        this.connectionName = connectionName;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Makes sure a connection and a confirm channel are open, opening new ones when there are none or they were
     * lost; a broker that cannot be reached is a {@link BrokerUnavailableException} naming the fix.
     */
    public void open() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        try {
            if (connection == null || !connection.isOpen()) {
                connection = BrokerConnection.open(amqp, vhost, connectionName);
            }
            channel = connection.createChannel();
            channel.confirmSelect();
            channel.addReturnListener(returned::set);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Whether the connection and channel are open now (a lost connection is seen by the client after a moment). */
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    /**
     * Publishes {@code body} with {@code mandatory} and waits for the confirm. Opens a connection when there is
     * none; one lost since the last publish is reported (CONNECTION_LOST) rather than silently replaced, so that
     * the caller's policy sees it.
     *
     * @throws NotDeliveredException the message is not in a queue for certain; the connection is dropped
     * @throws InterruptedException the wait was interrupted; the connection is dropped, the message in doubt
     */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException, InterruptedException {
        if (connection == null) {
            open();
        }
        String where = "exchange '" + exchange + "' with key '" + routingKey + "' in vhost '" + vhost + "'";
        returned.set(null);
        try {
            if (!channel.isOpen()) {
                throw new NotDeliveredException(NotDeliveredException.Reason.CONNECTION_LOST, "the connection to "
                        + where + " was lost (" + closeReason() + "); publish again to reconnect", null);
            }
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(confirmWaitMillis());
        } catch (TimeoutException e) {
            abort();
            throw new NotDeliveredException(NotDeliveredException.Reason.TIMEOUT, "no confirm from the broker within "
                    + confirmTimeout.toSeconds() + " s for a message to " + where
                    + " (a loaded or blocked broker: check its alarms); it may or may not be in a queue", e);
        } catch (ShutdownSignalException e) {
            abort();
            throw new NotDeliveredException(NotDeliveredException.Reason.CONNECTION_LOST, "the connection to " + where
                    + " was lost before the confirm (" + e.getMessage() + "); publish again to reconnect", e);
        } catch (NotDeliveredException e) {
            abort();
            throw e;
        } catch (IOException e) {
            abort();
            // waitForConfirmsOrDie says "nacks received"; basicPublish fails only on a broken connection.
            boolean nacked = String.valueOf(e.getMessage()).contains("nack");
            throw new NotDeliveredException(nacked ? NotDeliveredException.Reason.NACKED
                    : NotDeliveredException.Reason.CONNECTION_LOST, (nacked ? "the broker refused (nacked) a message to "
                    : "the connection failed while publishing to ") + where + " (" + e.getMessage()
                    + "); see the broker's log", e);
        } catch (InterruptedException e) {
            abort();
            throw e;
        }
        // A return arrives before the confirm of its message (AMQP 0-9-1 publisher confirms), so it is seen here.
        Return back = returned.getAndSet(null);
        if (back != null) {
            throw new NotDeliveredException(NotDeliveredException.Reason.RETURNED, "no queue is bound to " + where
                    + " (the broker returned it: " + back.getReplyText() + "); declare the queue,"
                    + " e.g. edeposit-amqp-tool --create", back.getReplyText(), null);
        }
    }

    // The client waits for ever on 0, so a zero time-out waits 1 ms instead and for ever is spelled negative.
    private long confirmWaitMillis() {
        return confirmTimeout.isNegative() ? 0 : Math.max(1, confirmTimeout.toMillis());
    }

    private String closeReason() {
        ShutdownSignalException reason = connection == null ? null : connection.getCloseReason();
        return reason == null ? "channel closed" : reason.getMessage();
    }

    /** Drops the connection at once, without waiting for the broker; the next open starts afresh. */
    private void abort() {
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

    /** Closes the connection; closing again, or a connection already gone, does nothing. */
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
        channel = null;
    }
}

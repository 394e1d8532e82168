package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code --get}: prints and acks the messages of a host's output queue until the {@code --timeout}
 * deadline (exit 1, as the original) or {@code --idle-timeout} seconds without a message (exit 0).
 */
final class Receiver {

    /** What the client's threads hand to the printing thread. */
    private sealed interface Event {
    }

    private record Delivered(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            implements Event {
    }

    private record Cancelled() implements Event {
    }

    private record Lost(String reason) implements Event {
    }

    private final BrokerAccess broker;
    private final PrintWriter out;

    Receiver(BrokerAccess broker, PrintWriter out) {
        this.broker = broker;
        this.out = out;
    }

    /**
     * Consumes the output queue of {@code host}.
     *
     * @param timeoutSeconds the absolute deadline, -1 for none
     * @param idleSeconds seconds without a message after which it ends normally, -1 for never
     * @throws ToolFailure {@code Timeouted!} at the deadline, or when the queue is missing or the connection lost
     */
    void get(HostSettings host, int timeoutSeconds, int idleSeconds) {
        Connection connection = broker.openExisting(host.vhost(), host.name());
        Deadline deadline = Deadline.after(timeoutSeconds);
        try {
            Channel channel = connection.createChannel();
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            consume(channel, host, events);
            print(channel, events, deadline, idleSeconds, host);
        } catch (IOException e) {
            throw ToolFailure.of("Can't read queue '" + host.outputQueue() + "' in vhost '" + host.vhost() + "': "
                    + BrokerErrors.reason(e), "Hint: create the schema with 'edeposit-amqp-tool --host " + host.name()
                    + " --create'");
        } finally {
            Connections.close(connection);
        }
    }

    private static void consume(Channel channel, HostSettings host, BlockingQueue<Event> events) throws IOException {
        // One message in hand at a time: it is acked right after it is printed.
        channel.basicQos(1);
        channel.basicConsume(host.outputQueue(), false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                events.add(new Delivered(tag, envelope, properties, body));
            }

            @Override
            public void handleCancel(String tag) {
                events.add(new Cancelled());
            }

            @Override
            public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
                if (!signal.isInitiatedByApplication()) {
                    events.add(new Lost(BrokerErrors.reason(signal)));
                }
            }
        });
    }

    private void print(Channel channel, BlockingQueue<Event> events, Deadline deadline, int idleSeconds,
                       HostSettings host) throws IOException {
        Deadline idle = Deadline.after(idleSeconds);
        while (true) {
            Event event = next(events, Math.min(deadline.remainingMillis(), idle.remainingMillis()));
            if (deadline.passed()) {
                throw Deadline.timeouted();
            }
            if (event == null) {
                return; // idle for --idle-timeout seconds: the queue is drained
            }
            if (event instanceof Delivered message) {
                out.print(DeliveryFormat.line(message.consumerTag(), message.envelope(), message.properties(),
                        message.body()) + "\n" + DeliveryFormat.SEPARATOR + "\n\n");
                out.flush();
                channel.basicAck(message.envelope().getDeliveryTag(), false);
                idle = Deadline.after(idleSeconds);
            } else if (event instanceof Cancelled) {
                throw ToolFailure.of("RabbitMQ cancelled the consumer of queue '" + host.outputQueue() + "' in vhost '"
                        + host.vhost() + "' (was the queue deleted?)");
            } else if (event instanceof Lost lost) {
                throw ToolFailure.of("Lost the connection to RabbitMQ while reading queue '" + host.outputQueue()
                        + "': " + lost.reason());
            }
        }
    }

    private static Event next(BlockingQueue<Event> events, long waitMillis) {
        try {
            return waitMillis == Long.MAX_VALUE ? events.take() : events.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolFailure.of("interrupted while waiting for messages");
        }
    }
}

package cz.edeposit.amqp.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Consumes a reply queue and hands the messages to a test in arrival order. */
public final class ReplyCollector implements AutoCloseable {

    /** One message as the client saw it. */
    public record Reply(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Map<String, Object> headers() {
            return properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        }

        /** A header as text ({@code null} when absent or void). */
        public String header(String name) {
            Object value = headers().get(name);
            if (value instanceof LongString longString) {
                return new String(longString.getBytes(), StandardCharsets.UTF_8);
            }
            return value == null ? null : value.toString();
        }
    }

    private final Channel channel;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    public ReplyCollector(Connection connection, String queue) throws IOException {
        channel = connection.createChannel();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                replies.add(new Reply(envelope, properties, body));
            }
        });
    }

    /** The next reply, or an AssertionError after {@code timeout}. */
    public Reply take(Duration timeout) throws InterruptedException {
        Reply reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("no reply within " + timeout);
        }
        return reply;
    }

    public List<Reply> take(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Reply> taken = new ArrayList<>();
        while (taken.size() < count) {
            Reply reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (reply == null) {
                throw new AssertionError("only " + taken.size() + " of " + count + " replies within " + timeout);
            }
            taken.add(reply);
        }
        return taken;
    }

    /** Whether nothing more arrives within {@code quiet}. */
    public boolean silentFor(Duration quiet) throws InterruptedException {
        return replies.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }
}

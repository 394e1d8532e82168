package cz.edeposit.amqp.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;

/** A channel for one declaration or binding: a refusal closes the channel it happens on, not ours. */
final class ThrowawayChannel implements AutoCloseable {

    private final Channel channel;

    ThrowawayChannel(Connection connection) throws IOException {
        this.channel = connection.createChannel();
    }

    Channel get() {
        return channel;
    }

    @Override
    public void close() {
        if (channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                // Closing a channel nobody uses any more: nothing to report.
            }
        }
    }
}

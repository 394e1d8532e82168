package cz.edeposit.amqp.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The exchange and input queue of each benchmark target, declared as the tool declares a host's
 * (topic exchange, durable queue bound with the input key), under names of this run so that no
 * deployment's queue is touched. Queues carry an expiry as a safety net if the run is killed.
 */
final class BenchTopology implements AutoCloseable {

    private static final long SAFETY_EXPIRY_MILLIS = 10 * 60 * 1000;

    private final Connection connection;
    private final List<HostSettings> hosts = new ArrayList<>();

    BenchTopology(Connection connection) {
        this.connection = connection;
    }

    /** Declares {@code edeposit-bench-<run>-<target>} as exchange and input queue; returns its host settings. */
    HostSettings declare(String vhost, String run, String target) throws IOException {
        return declare(vhost, run, target, Map.of());
    }

    /** As {@link #declare(String, String, String)}, with more queue arguments (e.g. {@code x-queue-type}). */
    HostSettings declare(String vhost, String run, String target, Map<String, Object> queueArguments)
            throws IOException {
        String name = "edeposit-bench-" + run + "-" + target;
        HostSettings host = new HostSettings("downloader", vhost, name, name, name + "-unused", "request", "result");
        try (Channel channel = connection.createChannel()) {
            // Auto-delete: the exchange goes once its last binding does.
            channel.exchangeDeclare(host.exchange(), "topic", true, true, false, null);
            Map<String, Object> arguments = new HashMap<>(queueArguments);
            arguments.put("x-expires", SAFETY_EXPIRY_MILLIS);
            channel.queueDeclare(host.inputQueue(), true, false, false, arguments);
            channel.queueBind(host.inputQueue(), host.exchange(), host.inputKey());
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        hosts.add(host);
        return host;
    }

    /** Queue messages and consumers, for the readiness check. */
    int consumers(HostSettings host) throws IOException {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(host.inputQueue()).getConsumerCount();
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        for (HostSettings host : hosts) {
            try (Channel channel = connection.createChannel()) {
                channel.queueDelete(host.inputQueue());
                channel.exchangeDelete(host.exchange());
            } catch (IOException | TimeoutException | RuntimeException e) {
                System.err.println("bench: could not delete " + host.inputQueue() + " (it expires by itself): " + e);
            }
        }
    }
}

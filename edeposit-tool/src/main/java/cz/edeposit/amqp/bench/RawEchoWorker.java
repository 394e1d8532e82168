package cz.edeposit.amqp.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.ReplyKeys;
import cz.edeposit.amqp.wire.ReplyKind;
import cz.edeposit.amqp.wire.WireHeaders;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;

/**
 * Target (2) of the benchmark, the baseline: the least code that gives the daemon's wire behaviour
 * and guarantees with nothing but amqp-client. One channel with {@code basic.qos}, a consumer that
 * echoes the body to the configured exchange under the reply key of {@link ReplyKeys}, persistent and
 * mandatory, with {@code UUID} echoed and {@code x-edeposit-reply: result}; each request is acked
 * only once the broker has confirmed its reply.
 *
 * <p>Configured like a daemon, by the {@code EDEPOSIT_RABBITMQ_*} variables of the downloader host
 * (read directly, so that no edeposit code runs in this process); the only argument is the prefetch.
 */
public final class RawEchoWorker {

    private final Channel channel;
    private final String exchange;
    private final String outputKey;
    // Publish sequence number of a reply -> delivery tag of its request; touched by the consumer and I/O threads.
    private final ConcurrentSkipListMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();

    private RawEchoWorker(Channel channel, String exchange, String outputKey) {
        this.channel = channel;
        this.exchange = exchange;
        this.outputKey = outputKey;
    }

    public static void main(String[] args) throws Exception {
        int prefetch = args.length == 2 && args[0].equals("--prefetch") ? Integer.parseInt(args[1]) : 1;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("EDEPOSIT_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("EDEPOSIT_RABBITMQ_PORT", "5672")));
        factory.setUsername(env("EDEPOSIT_RABBITMQ_USER_NAME", "guest"));
        factory.setPassword(env("EDEPOSIT_RABBITMQ_USER_PASSWORD", "guest"));
        factory.setVirtualHost(env("EDEPOSIT_RABBITMQ_DOWNER_VIRTUALHOST", "downloader"));
        factory.setRequestedHeartbeat(60);
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection = factory.newConnection("edeposit-bench raw worker");
        CountDownLatch stopped = new CountDownLatch(1);
        connection.addShutdownListener(cause -> stopped.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> connection.abort(2_000)));
        Channel channel = connection.createChannel();
        RawEchoWorker worker = new RawEchoWorker(channel, env("EDEPOSIT_RABBITMQ_DOWNER_EXCHANGE", "downloader"),
                env("EDEPOSIT_RABBITMQ_DOWNER_OUTPUT_KEY", "result"));
        worker.start(env("EDEPOSIT_RABBITMQ_DOWNER_INPUT_QUEUE", "daemon"), prefetch);
        stopped.await();
        System.exit(1);
    }

    private void start(String queue, int prefetch) throws IOException {
        channel.basicQos(prefetch);
        channel.confirmSelect();
        channel.addConfirmListener(this::confirmed, (seq, multiple) -> {
            System.err.println("broker refused a reply (nack " + seq + "); stopping without ack");
            Runtime.getRuntime().halt(1);
        });
        channel.addReturnListener(returned -> System.err.println("unroutable reply: " + returned.getRoutingKey()));
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                answer(envelope, properties, body);
            }
        });
    }

    private void answer(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Map<String, Object> headers = new HashMap<>(4);
        Object uuid = Headers.raw(properties, WireHeaders.UUID);
        headers.put(WireHeaders.UUID, uuid == null ? "" : uuid);
        headers.put(ReplyKind.HEADER, ReplyKind.RESULT.wireValue());
        AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                .contentType(WireHeaders.JSON).deliveryMode(WireHeaders.PERSISTENT).headers(headers).build();
        String replyKey = ReplyKeys.replyKey(envelope.getRoutingKey(), outputKey);
        // Deliveries of one channel arrive one at a time, so sequence numbers and tags rise together.
        unconfirmed.put(channel.getNextPublishSeqNo(), envelope.getDeliveryTag());
        channel.basicPublish(exchange, replyKey, true, reply, body);
    }

    private void confirmed(long seq, boolean multiple) throws IOException {
        if (multiple) {
            ConcurrentNavigableMap<Long, Long> done = unconfirmed.headMap(seq, true);
            Map.Entry<Long, Long> last = done.lastEntry();
            if (last != null) {
                channel.basicAck(last.getValue(), true);
                done.clear();
            }
        } else {
            Long tag = unconfirmed.remove(seq);
            if (tag != null) {
                channel.basicAck(tag, false);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}

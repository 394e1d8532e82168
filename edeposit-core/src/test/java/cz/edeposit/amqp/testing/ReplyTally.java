package cz.edeposit.amqp.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * Counts the final replies per UUID in a reply queue, for the fault tests: it takes messages with
 * basic.get and acks each one after counting it, and reconnects whenever the broker goes away, so a
 * broker restart can neither lose a reply from the count nor count one twice.
 */
public final class ReplyTally {

    /** The verdict: requests without a final reply, requests answered more than once, strangers. */
    public record Counts(Set<String> lost, Map<String, Integer> duplicated, Set<String> unexpected, int replies) {

        @Override
        public String toString() {
            return "lost " + lost.size() + (lost.isEmpty() ? "" : " " + new TreeSet<>(lost))
                    + ", duplicated " + duplicated.size() + ", unexpected " + unexpected.size()
                    + " (" + replies + " final replies)";
        }
    }

    private final ConnectionFactory factory;
    private final String queue;
    private final Set<String> expected;
    private final Map<String, Integer> finals = new HashMap<>();
    private final Set<String> unexpected = new HashSet<>();
    private int replies;

    public ReplyTally(ConnectionFactory factory, String queue, Set<String> expected) {
        this.factory = factory;
        this.queue = queue;
        this.expected = Set.copyOf(expected);
    }

    /**
     * Drains the queue until every expected UUID has a final reply and {@code quiet} passes without
     * a message (late duplicates land in that window); after {@code timeout}, an AssertionError with
     * the counts then.
     */
    public Counts await(Duration timeout, Duration quiet) throws Exception {
        long[] lastMessage = {System.nanoTime()};
        return Await.value("a final reply to each of " + expected.size() + " requests, then " + quiet
                + " without a message", timeout, Duration.ofMillis(100), () -> {
                    if (drainOnce() > 0) {
                        lastMessage[0] = System.nanoTime();
                    }
                    return counts();
                }, counts -> counts.lost().isEmpty() && System.nanoTime() - lastMessage[0] > quiet.toNanos());
    }

    /**
     * As {@link #await}, for as long as replies keep coming: the AssertionError with the counts comes only after
     * {@code stall} without a message while a reply is missing, so that a slow machine makes the wait longer
     * rather than failing it.
     */
    public Counts awaitWhileReplying(Duration stall, Duration quiet) throws Exception {
        long lastMessage = System.nanoTime();
        while (true) {
            if (drainOnce() > 0) {
                lastMessage = System.nanoTime();
            }
            Counts counts = counts();
            long idle = System.nanoTime() - lastMessage;
            if (counts.lost().isEmpty() && idle > quiet.toNanos()) {
                return counts;
            }
            if (idle > stall.toNanos()) {
                throw new AssertionError("no reply for " + stall + " while " + expected.size()
                        + " requests wait for theirs: " + counts);
            }
            Thread.sleep(100); // the pace of asking the broker, not a wait for an event
        }
    }

    /** The counts so far. */
    public Counts counts() {
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(finals.keySet());
        Map<String, Integer> duplicated = new HashMap<>();
        finals.forEach((uuid, count) -> {
            if (count > 1) {
                duplicated.put(uuid, count);
            }
        });
        return new Counts(lost, duplicated, Set.copyOf(unexpected), replies);
    }

    /** Takes what the queue holds now; 0 also when the broker is away (the next call retries). */
    private int drainOnce() {
        int taken = 0;
        try (Connection connection = factory.newConnection("edeposit-test-tally");
             Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, false)) != null) {
                count(response);
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                taken++;
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // The broker is restarting; an unacked message is still in the queue and is counted later.
        }
        return taken;
    }

    private void count(GetResponse response) {
        Map<String, Object> headers = response.getProps().getHeaders();
        String kind = text(headers == null ? null : headers.get("x-edeposit-reply"));
        if ("progress".equals(kind)) {
            return;
        }
        String uuid = text(headers == null ? null : headers.get("UUID"));
        replies++;
        if (uuid == null || !expected.contains(uuid)) {
            unexpected.add(String.valueOf(uuid));
            return;
        }
        finals.merge(uuid, 1, Integer::sum);
    }

    private static String text(Object value) {
        if (value instanceof LongString longString) {
            return new String(longString.getBytes(), StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}

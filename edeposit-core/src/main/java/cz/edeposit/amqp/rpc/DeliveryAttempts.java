package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.WireHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Numbers the attempts at a request: the broker's {@code x-delivery-count} where the queue keeps one
 * (quorum queues), else our own count of handler starts (classic queues), kept in an
 * {@link AttemptStore} under a hash of the UUID and the body. Our own count covers redelivered
 * requests, and every request when {@code countFirstDeliveries} is set (after a crash: the request
 * that caused it may come back without the redelivered flag, docs/reliability.md).
 */
final class DeliveryAttempts {

    /**
     * One delivery's attempt.
     *
     * @param number   1 for a first delivery
     * @param key      the store key to forget once answered, or null when nothing was stored
     * @param exceeded whether the limit is passed: answer with {@link PoisonMessageError}, do not handle
     */
    record Attempt(int number, String key, boolean exceeded) {
    }

    /** The attempt of a first delivery that is not counted: the same every time, so made once. */
    private static final Attempt FIRST = new Attempt(1, null, false);

    private final AttemptStore store;
    private final int maxAttempts;
    private final boolean countFirstDeliveries;

    DeliveryAttempts(AttemptStore store, int maxAttempts) {
        this(store, maxAttempts, false);
    }

    DeliveryAttempts(AttemptStore store, int maxAttempts, boolean countFirstDeliveries) {
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.countFirstDeliveries = countFirstDeliveries;
    }

    /** Numbers the delivery and, for a counted one within the limit, records the attempt first. */
    Attempt begin(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Object count = Headers.raw(properties, WireHeaders.DELIVERY_COUNT);
        if (count instanceof Number delivered) {
            int number = (int) Math.min(Integer.MAX_VALUE - 1, delivered.longValue()) + 1;
            return new Attempt(number, null, number > maxAttempts);
        }
        if (!envelope.isRedeliver() && !countFirstDeliveries) {
            return FIRST;
        }
        String key = key(Headers.raw(properties, WireHeaders.UUID), body);
        int recorded = store.recorded(key);
        // A redelivered request with no count yet: its first, unrecorded delivery may have started the
        // handler, so count that. A first delivery without the flag is taken to be new.
        int number = (envelope.isRedeliver() ? Math.max(1, recorded) : recorded) + 1;
        if (number > maxAttempts) {
            return new Attempt(number, key, true);
        }
        store.record(key, number);
        return new Attempt(number, key, false);
    }

    /** The request was answered (or given up on) and acked: its count is no longer needed. */
    void finished(Attempt attempt) {
        if (attempt.key() != null) {
            store.forget(attempt.key());
        }
    }

    int maxAttempts() {
        return maxAttempts;
    }

    static String key(Object uuid, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Headers.uuidText(uuid).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body == null ? new byte[0] : body);
            return HexFormat.of().formatHex(sha.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

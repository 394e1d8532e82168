package cz.edeposit.amqp.rpc;

import cz.edeposit.amqp.wire.Headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongConsumer;

/**
 * A worker's deliveries from arrival to ack, so that one approaching the broker's consumer_timeout
 * (which counts from delivery, also for prefetched requests still waiting) can be warned about once.
 */
final class UnackedDeliveries {

    /** One delivery: its UUID for the log, when it arrived, whether it was warned about. */
    static final class Entry {
        private final Object uuid; // as it arrived: made text only for the rare warning, off the connection thread
        final long since;
        boolean warned;

        Entry(Object uuid, long since) {
            this.uuid = uuid;
            this.since = since;
        }

        String uuid() {
            return Headers.uuidText(uuid);
        }
    }

    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();

    /** On the client's thread, as the delivery arrives. */
    void received(long deliveryTag, Object uuid) {
        entries.put(deliveryTag, new Entry(uuid, System.nanoTime()));
    }

    /** After {@code basic.ack(upTo, multiple=true)}. */
    void ackedUpTo(long upTo) {
        entries.headMap(upTo, true).clear();
    }

    /** As {@link #ackedUpTo(long)}, telling {@code ages} how long each acked delivery waited for its ack. */
    void ackedUpTo(long upTo, LongConsumer ages) {
        Map<Long, Entry> acked = entries.headMap(upTo, true);
        long now = System.nanoTime();
        for (Entry entry : acked.values()) {
            ages.accept(now - entry.since);
        }
        acked.clear();
    }

    /** How many deliveries are not acked yet (counted, so only for metrics scrapes). */
    int size() {
        return entries.size();
    }

    /** The channel is closed: every unacked delivery went back to the queue. */
    void clear() {
        entries.clear();
    }

    /** The entries unacked for longer than {@code thresholdNanos} that were not warned about yet; marks them. */
    List<Entry> overdue(long thresholdNanos) {
        long now = System.nanoTime();
        List<Entry> found = new ArrayList<>();
        for (Map.Entry<Long, Entry> entry : entries.entrySet()) {
            Entry delivery = entry.getValue();
            if (now - delivery.since > thresholdNanos && !delivery.warned) {
                delivery.warned = true;
                found.add(delivery);
            }
        }
        return found;
    }
}

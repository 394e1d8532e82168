package cz.edeposit.amqp.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replies nobody waits for any more (the call timed out, was cancelled, was already answered by
 * an earlier reply to a request published twice across a reconnect, or belongs to a client that
 * used this queue before): each UUID is logged once at WARN, repeats at DEBUG, and all are dropped. Remembers a bounded number of UUIDs, so it cannot grow without limit.
 */
final class LateReplies {

    private static final Logger log = LoggerFactory.getLogger(LateReplies.class);
    private static final int REMEMBERED = 1024;

    private final Map<String, Boolean> reported = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicLong dropped = new AtomicLong();

    void drop(String uuid, String vhost, String routingKey) {
        dropped.incrementAndGet();
        boolean first;
        synchronized (reported) {
            first = reported.put(String.valueOf(uuid), Boolean.TRUE) == null;
        }
        if (first) {
            log.warn("Dropping a reply for UUID {} in vhost '{}' (key '{}'): no call waits for it"
                    + " (timed out, cancelled, already answered or not ours); further replies for it are logged at DEBUG",
                    uuid, vhost, routingKey);
        } else {
            log.debug("Dropping another reply for UUID {} in vhost '{}'", uuid, vhost);
        }
    }

    /** How many replies were dropped since the client started. */
    long count() {
        return dropped.get();
    }
}

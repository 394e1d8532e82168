package cz.edeposit.amqp.net;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The end of one fetch, redirects included (the downloader's DOWNLOADER_TOTAL_TIMEOUT, the harvester's
 * HARVESTER_TOTAL_TIMEOUT): every blocking step of {@link PinnedHttp} (connect, handshake, each read) waits at most
 * until then, so a server that trickles one byte per read time-out cannot hold a worker longer than the total.
 */
public final class Deadline {

    /** Far enough never to come: for a caller without a total time-out. */
    private static final Duration NEVER = Duration.ofDays(365L * 100);

    private final long end;

    private Deadline(Duration total) {
        this.end = System.nanoTime() + total.toNanos();
    }

    /** The deadline {@code total} from now. */
    public static Deadline after(Duration total) {
        return new Deadline(total);
    }

    /** No deadline: every step is bounded by its own time-out only. */
    public static Deadline none() {
        return new Deadline(NEVER);
    }

    /**
     * The time-out in milliseconds for the next blocking step: {@code limit}, or less when the
     * deadline is nearer; never 0, which a socket reads as "forever".
     *
     * @throws SocketTimeoutException when the deadline has passed
     */
    int millis(Duration limit) throws SocketTimeoutException {
        long remaining = end - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("the total time-out has passed");
        }
        long nanos = Math.min(limit.toNanos(), remaining);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }

    /** Whether the deadline has passed: a time-out then is the total one, not the step's own. */
    public boolean passed() {
        return end - System.nanoTime() <= 0;
    }
}

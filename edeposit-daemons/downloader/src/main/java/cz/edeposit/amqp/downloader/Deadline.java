package cz.edeposit.amqp.downloader;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The end of one download (DOWNLOADER_TOTAL_TIMEOUT): every blocking step (connect, handshake,
 * each read) waits at most until then, so a server that trickles one byte per read time-out
 * cannot hold a worker longer than the total.
 */
final class Deadline {

    private final long end;

    Deadline(Duration total) {
        this.end = System.nanoTime() + total.toNanos();
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
    boolean passed() {
        return end - System.nanoTime() <= 0;
    }
}

package cz.edeposit.amqp.aleph;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces the daemon's HTTP requests to the catalogue at least {@code 1/rate} seconds apart, for
 * every worker together, so the licence cap (150 requests a second) can never be exceeded.
 *
 * <p>Each caller reserves the next free slot and sleeps until it; slots are handed out in call
 * order, so no worker starves.
 */
final class RequestPacer {

    /** Sleeps for a number of nanoseconds; a seam so the spacing can be checked without waiting. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextSlot;
    private boolean started;

    RequestPacer(int requestsPerSecond) {
        this(requestsPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    RequestPacer(int requestsPerSecond, LongSupplier clock, Sleeper sleeper) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, not " + requestsPerSecond);
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / requestsPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the caller may send its request. */
    void await() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot and returns how long to wait for it. */
    private synchronized long reserve() {
        long now = clock.getAsLong();
        long slot = !started || now - nextSlot > 0 ? now : nextSlot;
        started = true;
        nextSlot = slot + intervalNanos;
        return slot - now;
    }
}

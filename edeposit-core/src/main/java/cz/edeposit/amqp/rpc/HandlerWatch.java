package cz.edeposit.amqp.rpc;

import java.time.Duration;

/**
 * Lets other threads interrupt a worker thread only while it is inside its handler: the handler
 * time-out, and a lost channel (whose request can no longer be answered). An interrupt never
 * reaches the worker's own channel work, which must not be interrupted. It also remembers when it
 * interrupted the call in hand, so that a handler that ignores the interrupt counts as stuck.
 */
final class HandlerWatch {

    private final Thread worker;
    private long call;
    private boolean inside;
    private boolean timedOut;
    private long interruptedAt;
    private long graceNanos;
    private String why;

    /** How long a handler may go on after an interrupt before it counts as stuck, at most. */
    static final Duration MAX_GRACE = Duration.ofSeconds(30);

    HandlerWatch(Thread worker) {
        this.worker = worker;
    }

    /** Called by the worker before the handler; returns the call's number for {@link #timeOut(long, Duration)}. */
    synchronized long enter() {
        call++;
        inside = true;
        timedOut = false;
        interruptedAt = 0;
        return call;
    }

    /**
     * Called by the worker after the handler, also when it threw. Clears an interrupt aimed at the
     * handler (one may land between the handler's return and this call) and says whether it timed out.
     */
    boolean exit() {
        boolean result;
        synchronized (this) {
            inside = false;
            result = timedOut;
        }
        Thread.interrupted();
        return result;
    }

    /**
     * Interrupts call {@code number} if the worker is still inside it, and marks it timed out; a handler
     * still inside after as long again as {@code timeout} (at most {@link #MAX_GRACE}) is stuck.
     */
    synchronized void timeOut(long number, Duration timeout) {
        if (inside && call == number) {
            timedOut = true;
            worker.interrupt();
            interrupted(timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE,
                    "at the handler time-out of " + timeout.toSeconds() + " s");
        }
    }

    /** Interrupts whatever handler runs now: its channel is gone, so its work would be thrown away. */
    synchronized void abandon() {
        if (inside) {
            worker.interrupt();
            interrupted(MAX_GRACE, "as its channel was lost");
        }
    }

    private void interrupted(Duration grace, String reason) {
        if (interruptedAt == 0) {
            interruptedAt = Math.max(1, System.nanoTime());
            graceNanos = grace.toNanos();
            why = reason;
        }
    }

    /**
     * Null while the handler is not stuck, else why it is: it was interrupted and has not returned
     * within the grace since (the worker's thread cannot serve anything else meanwhile).
     */
    synchronized String stuck(long nowNanos) {
        if (!inside || interruptedAt == 0 || nowNanos - interruptedAt <= graceNanos) {
            return null;
        }
        return "still in its handler " + (nowNanos - interruptedAt) / 1_000_000_000L + " s after interrupting it " + why;
    }
}

package cz.edeposit.amqp.rpc;

/**
 * Lets other threads interrupt a worker thread only while it is inside its handler: the handler
 * time-out, and a lost channel (whose request can no longer be answered). An interrupt never
 * reaches the worker's own channel work, which must not be interrupted.
 */
final class HandlerWatch {

    private final Thread worker;
    private long call;
    private boolean inside;
    private boolean timedOut;

    HandlerWatch(Thread worker) {
        this.worker = worker;
    }

    /** Called by the worker before the handler; returns the call's number for {@link #timeOut(long)}. */
    synchronized long enter() {
        call++;
        inside = true;
        timedOut = false;
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

    /** Interrupts call {@code number} if the worker is still inside it, and marks it timed out. */
    synchronized void timeOut(long number) {
        if (inside && call == number) {
            timedOut = true;
            worker.interrupt();
        }
    }

    /** Interrupts whatever handler runs now: its channel is gone, so its work would be thrown away. */
    synchronized void abandon() {
        if (inside) {
            worker.interrupt();
        }
    }
}

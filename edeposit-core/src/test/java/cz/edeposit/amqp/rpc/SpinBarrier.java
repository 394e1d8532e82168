package cz.edeposit.amqp.rpc;

import java.util.concurrent.atomic.AtomicInteger;

/** A barrier for two threads that spins instead of parking, so that what follows it overlaps. */
final class SpinBarrier {

    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean abandoned;

    /** False when the other thread gave up. */
    boolean await() {
        int current = generation.get();
        if (arrived.incrementAndGet() == 2) {
            arrived.set(0);
            generation.incrementAndGet();
            return !abandoned;
        }
        for (int spins = 0; generation.get() == current; spins++) {
            if (abandoned) {
                return false;
            }
            if (spins % 1_000 == 999) {
                Thread.yield(); // the other thread may not be running at all on a busy machine
            } else {
                Thread.onSpinWait();
            }
        }
        return !abandoned;
    }

    void abandon() {
        abandoned = true;
    }
}

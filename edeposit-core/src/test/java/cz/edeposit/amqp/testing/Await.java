package cz.edeposit.amqp.testing;

import java.time.Duration;

/** Waits for a condition with a time-out, instead of a test sleeping for a guessed time. */
public final class Await {

    /** A condition that may ask the broker, and so may throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; an AssertionError naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}

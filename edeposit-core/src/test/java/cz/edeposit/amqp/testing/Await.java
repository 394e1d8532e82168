package cz.edeposit.amqp.testing;

import java.time.Duration;
import java.util.function.Predicate;

/** Waits for a condition with a time-out, instead of a test sleeping for a guessed time. */
public final class Await {

    /** How often a condition is asked unless the caller says otherwise: cheap checks, in-process or local. */
    private static final Duration POLL = Duration.ofMillis(20);

    /** A condition that may ask the broker, and so may throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What a wait looks at each time: a value that may come from the broker or a process, and so may throw. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; an AssertionError naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, Condition condition) throws Exception {
        until(what, limit, POLL, condition);
    }

    /**
     * As {@link #until(String, Duration, Condition)}, asking every {@code every}: for a check that
     * costs (a management API call, a command-line tool, a connection).
     */
    public static void until(String what, Duration limit, Duration every, Condition condition) throws Exception {
        poll(what, limit, every, () -> condition.holds() ? Boolean.TRUE : Boolean.FALSE, Boolean::booleanValue, false);
    }

    /**
     * Returns the first value of {@code probe} (asked every {@code every}) that is {@code done}; after
     * {@code limit}, an AssertionError naming {@code what} and showing the last value seen.
     */
    public static <T> T value(String what, Duration limit, Duration every, Probe<T> probe, Predicate<? super T> done)
            throws Exception {
        return poll(what, limit, every, probe, done, true);
    }

    private static <T> T poll(String what, Duration limit, Duration every, Probe<T> probe, Predicate<? super T> done,
                              boolean showLast) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T seen = probe.look();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what + (showLast ? "; last seen: " + seen : ""));
            }
            Thread.sleep(every.toMillis());
        }
    }
}

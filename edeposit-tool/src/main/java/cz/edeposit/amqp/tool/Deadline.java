package cz.edeposit.amqp.tool;

/**
 * The original's {@code --timeout}: an absolute point in time armed when the connection is set up
 * (docs/tool.md, "Timeouts"); a negative number of seconds never passes.
 */
final class Deadline {

    static final String TIMEOUTED = "Timeouted!";

    private final long endNanos;
    private final boolean armed;

    private Deadline(long endNanos, boolean armed) {
        this.endNanos = endNanos;
        this.armed = armed;
    }

    /** A deadline {@code seconds} from now, or none for a negative value (the default {@code -1}). */
    static Deadline after(int seconds) {
        return seconds < 0 ? new Deadline(0, false) : new Deadline(System.nanoTime() + seconds * 1_000_000_000L, true);
    }

    boolean armed() {
        return armed;
    }

    boolean passed() {
        return armed && System.nanoTime() - endNanos >= 0;
    }

    /** Milliseconds left, 0 once passed, {@link Long#MAX_VALUE} when not armed. */
    long remainingMillis() {
        if (!armed) {
            return Long.MAX_VALUE;
        }
        long left = endNanos - System.nanoTime();
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    /** The original's failure when the deadline fires: {@code Timeouted!}, exit 1. */
    static ToolFailure timeouted() {
        return ToolFailure.of(TIMEOUTED);
    }
}

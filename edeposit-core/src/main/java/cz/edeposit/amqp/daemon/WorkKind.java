package cz.edeposit.amqp.daemon;

/**
 * The kind of work a daemon's handler does, from which its default {@code --prefetch} follows
 * (docs/performance.md, "Default settings per kind of work").
 *
 * <p>A request is acked only once the broker has confirmed its reply, and the broker delivers a
 * worker no more than its prefetch of unacked requests. With prefetch 1 the next request therefore
 * waits for a whole confirm round trip after each reply; a prefetch of 2 or more lets a worker take
 * the next request while the last reply is being confirmed.
 */
public enum WorkKind {

    /**
     * Request/response work of milliseconds or less (catalogue look-ups, conversions of records,
     * small files, account changes): the worker keeps {@link #SHORT_PREFETCH} requests in hand, enough
     * to hide the confirm round trip behind the handlers of the requests after it, but no more
     * request bodies than {@link #PREFETCH_BUDGET_BYTES} at the daemon's request size limit.
     */
    SHORT,

    /**
     * Jobs of seconds to minutes (conversions of whole books, virus scans of large files, packages):
     * one request in the handler and the next one already delivered (prefetch 2 per worker), so that
     * the worker never waits for a confirm, and every other request stays in the queue for the
     * other daemon processes that consume it.
     */
    LONG;

    /** The prefetch of short work when requests are small; why 64: docs/performance.md. */
    public static final int SHORT_PREFETCH = 64;

    /** The prefetch of long work: the request in the handler and the next one. */
    public static final int LONG_PREFETCH = 2;

    /**
     * How many bytes of prefetched request bodies a short-work daemon may hold at its request size
     * limit: aleph's (1 MiB) and smaller ones get prefetch 64, the largest requests of pdfgen and
     * marcxml2mods (8 MiB) prefetch 8, storage's (the broker's 128 MiB) prefetch 2, within the
     * launchers' heaps (edeposit-dist/src/main/launchers.list).
     */
    public static final long PREFETCH_BUDGET_BYTES = 64L << 20;

    /** The default prefetch of a daemon of this kind whose requests may be up to {@code maxRequestBytes}. */
    public int defaultPrefetch(long maxRequestBytes) {
        if (this == LONG) {
            return LONG_PREFETCH;
        }
        long fits = PREFETCH_BUDGET_BYTES / Math.max(1, maxRequestBytes);
        return (int) Math.max(LONG_PREFETCH, Math.min(SHORT_PREFETCH, fits));
    }
}

package cz.edeposit.amqp.rpc;

/**
 * The one seam between the RPC machinery and whatever counts what it does: each method is called
 * where its event happens. {@link #NONE}, used when metrics are off, does nothing, and the callers
 * pass what they already hold (the decoded request, the error), so that the hot path neither
 * allocates nor computes anything for it. Implementations must be thread-safe and must not throw.
 */
public interface RpcMetrics {

    /** Counts nothing: metrics are off. */
    RpcMetrics NONE = new RpcMetrics() {
    };

    /**
     * A request was taken up; {@code request} is the decoded request, or {@link #UNDECODED} when it
     * was answered without being decoded (no UUID, too large, not decodable).
     */
    default void received(Object request) {
    }

    /** The handler returned after {@code handlerNanos} and its result was published. */
    default void answered(Object request, long handlerNanos) {
    }

    /**
     * The request was answered with {@code error}; {@code handlerNanos} is negative when the handler
     * did not run (the request was not decodable, or was given up on).
     */
    default void failed(Object request, Throwable error, long handlerNanos) {
    }

    /** The handler sent a progress message. */
    default void progressSent(Object request) {
    }

    /** A request was given up on after too many attempts; {@code deadLettered} when it was also dead-lettered. */
    default void poisoned(Object request, boolean deadLettered) {
    }

    /** A request was acked {@code nanos} after its delivery (on the connection thread or the worker's). */
    default void acked(long nanos) {
    }

    /** A worker's channel failed or was lost: the daemon restarts on a new connection. */
    default void channelFailed() {
    }

    /** The supervisor serves (again) on a connection to {@code node} ({@code host:port}), with {@code load}. */
    default void serving(String node, WorkerLoad load, boolean reconnected) {
    }

    /** The daemon no longer serves on its connection (lost, or stopping). */
    default void notServing() {
    }

    /** Both {@code first} and {@code second}, in that order: the daemon's own counts and Prometheus, say. */
    static RpcMetrics both(RpcMetrics first, RpcMetrics second) {
        if (first == NONE) {
            return second;
        }
        if (second == NONE) {
            return first;
        }
        return new RpcMetrics() {
            @Override
            public void received(Object request) {
                first.received(request);
                second.received(request);
            }

            @Override
            public void answered(Object request, long handlerNanos) {
                first.answered(request, handlerNanos);
                second.answered(request, handlerNanos);
            }

            @Override
            public void failed(Object request, Throwable error, long handlerNanos) {
                first.failed(request, error, handlerNanos);
                second.failed(request, error, handlerNanos);
            }

            @Override
            public void progressSent(Object request) {
                first.progressSent(request);
                second.progressSent(request);
            }

            @Override
            public void poisoned(Object request, boolean deadLettered) {
                first.poisoned(request, deadLettered);
                second.poisoned(request, deadLettered);
            }

            @Override
            public void acked(long nanos) {
                first.acked(nanos);
                second.acked(nanos);
            }

            @Override
            public void channelFailed() {
                first.channelFailed();
                second.channelFailed();
            }

            @Override
            public void serving(String node, WorkerLoad load, boolean reconnected) {
                first.serving(node, load, reconnected);
                second.serving(node, load, reconnected);
            }

            @Override
            public void notServing() {
                first.notServing();
                second.notServing();
            }
        };
    }

    /** The request stand-in for {@link #received} and {@link #failed} when it was never decoded. */
    Object UNDECODED = new Object() {
        @Override
        public String toString() {
            return "undecodable";
        }
    };

    /** What the workers hold right now, read when metrics are scraped. */
    interface WorkerLoad {
        /** Requests whose handler is running or whose replies are being published. */
        int inHand();

        /** Requests delivered to a worker and not yet started. */
        int prefetched();

        /** Requests answered whose replies the broker has not confirmed yet (so not yet acked). */
        int awaitingConfirms();
    }
}

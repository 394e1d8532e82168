package cz.edeposit.amqp.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call of the handler under the handler time-out: a watchdog on the daemon's timer interrupts
 * the worker thread if the handler is still running when the time is up. Progress messages stay on
 * the worker thread and its channel; only the interrupt crosses threads.
 */
final class HandlerCall {

    private static final Logger log = LoggerFactory.getLogger(HandlerCall.class);

    /** What the handler does; {@link RpcHandler#handle} bound to its request and context. */
    @FunctionalInterface
    interface Body {
        Object run() throws Exception;
    }

    private final HandlerWatch watch;
    private final ScheduledExecutorService timer;
    private final Duration timeout;

    /** @param timeout null for no limit */
    HandlerCall(HandlerWatch watch, ScheduledExecutorService timer, Duration timeout) {
        this.watch = watch;
        this.timer = timer;
        this.timeout = timeout;
    }

    /**
     * Runs {@code body}; throws {@link HandlerTimeoutError} instead of its outcome when the time ran
     * out, also if the handler ignored the interrupt and finished anyway (its late result is dropped).
     */
    Object run(Body body, String uuid) throws Exception {
        long call = watch.enter();
        ScheduledFuture<?> limit = schedule(call);
        Object result;
        try {
            result = body.run();
        } catch (Exception | Error e) {
            if (finish(limit)) {
                log.warn("Handler for UUID {} was interrupted after the handler time-out of {} s", uuid,
                        timeout.toSeconds());
                throw new HandlerTimeoutError(timeout.toSeconds());
            }
            throw e;
        }
        if (finish(limit)) {
            log.warn("Handler for UUID {} ignored the interrupt at the handler time-out of {} s and finished"
                    + " anyway; its result is dropped", uuid, timeout.toSeconds());
            throw new HandlerTimeoutError(timeout.toSeconds());
        }
        return result;
    }

    private ScheduledFuture<?> schedule(long call) {
        if (timeout == null) {
            return null;
        }
        try {
            return timer.schedule(() -> watch.timeOut(call, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the daemon is shutting down; drain time-out bounds the handler instead
        }
    }

    /** Ends the call: no interrupt can reach the worker after this; true when it timed out. */
    private boolean finish(ScheduledFuture<?> limit) {
        if (limit != null) {
            limit.cancel(false);
        }
        return watch.exit();
    }
}

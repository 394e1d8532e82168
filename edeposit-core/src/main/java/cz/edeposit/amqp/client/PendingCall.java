package cz.edeposit.amqp.client;

import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * One call waiting for its final reply: where it went, how to decode what comes back, and the
 * future its caller holds.
 *
 * @param <T> what the final reply decodes to
 */
final class PendingCall<T> {

    private static final Logger log = LoggerFactory.getLogger(PendingCall.class);

    final String uuid;
    final HostSettings host;
    final Duration timeout;
    final VhostLink link;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final Function<byte[], Object> progressDecoder;
    private final Function<byte[], T> resultDecoder;
    private final ProgressListener listener;
    // Set by the registering thread, read by whoever finishes the call; see cancelTimer.
    private volatile ScheduledFuture<?> timer;
    private volatile boolean finished;

    PendingCall(String uuid, HostSettings host, VhostLink link, Duration timeout,
                Function<byte[], Object> progressDecoder, Function<byte[], T> resultDecoder,
                ProgressListener listener) {
        this.uuid = uuid;
        this.host = host;
        this.link = link;
        this.timeout = timeout;
        this.progressDecoder = progressDecoder;
        this.resultDecoder = resultDecoder;
        this.listener = listener;
    }

    String vhost() {
        return host.vhost();
    }

    Object decodeProgress(byte[] body) {
        return progressDecoder.apply(body);
    }

    T decodeResult(byte[] body) {
        return resultDecoder.apply(body);
    }

    /** Hands a decoded progress message to the listener, if any; a failing listener is only logged. */
    void progress(Object message) {
        if (listener == null) {
            return;
        }
        try {
            listener.progress(message);
        } catch (RuntimeException e) {
            log.warn("Progress listener of the call {} to host '{}' failed", uuid, host.name(), e);
        }
    }

    void timer(ScheduledFuture<?> scheduled) {
        timer = scheduled;
        if (finished) {
            scheduled.cancel(false);
        }
    }

    /**
     * Marks the call finished and cancels its time-out. The two volatile writes and reads make sure
     * that whichever of {@link #timer} and this runs second sees the other, so no timer outlives
     * the call.
     */
    void cancelTimer() {
        finished = true;
        ScheduledFuture<?> scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}

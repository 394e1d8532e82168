package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.wire.PythonTypes;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running daemon's request counts and last error, kept in memory by the workers (two atomic
 * increments a request) and copied into the state file by {@link StateRecorder}, never per request.
 */
final class RequestCounts implements RpcMetrics {

    /** The longest error text kept: the state file holds it on one line. */
    static final int MAX_ERROR_CHARS = 300;

    private final Clock clock;
    private final Instant started;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<DaemonActivity.LastError> lastError = new AtomicReference<>();
    private final AtomicLong changes = new AtomicLong();

    RequestCounts(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void answered(Object request, long handlerNanos) {
        served.incrementAndGet();
        changes.incrementAndGet();
    }

    @Override
    public void failed(Object request, Throwable error, long handlerNanos) {
        failed(PythonTypes.exceptionName(error), error.getMessage() == null ? "" : error.getMessage());
    }

    /** A request answered with the exception reply {@code exceptionName}: {@code message}. */
    void failed(String exceptionName, String message) {
        String text = (exceptionName + ": " + message).replace('\n', ' ').replace('\r', ' ');
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS - 3) + "...";
        }
        lastError.set(new DaemonActivity.LastError(clock.instant(), text));
        failed.incrementAndGet();
        changes.incrementAndGet();
    }

    /** Grows with every answered request: the recorder writes only when it moved. */
    long changes() {
        return changes.get();
    }

    DaemonActivity snapshot() {
        return new DaemonActivity(started, served.get(), failed.get(), Optional.ofNullable(lastError.get()));
    }
}

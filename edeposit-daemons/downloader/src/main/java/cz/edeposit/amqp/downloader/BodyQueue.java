package cz.edeposit.amqp.downloader;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a response body to the handler thread one piece at a time, asking the connection for the
 * next piece only when the previous one was taken (so a large body never piles up in memory), and
 * lets the reader give up after an idle time: java.net.http has no timeout once the headers arrived.
 */
final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean cancelled;

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        signals.add(item);
    }

    @Override
    public void onError(Throwable error) {
        signals.add(error);
    }

    @Override
    public void onComplete() {
        signals.add(END);
    }

    /**
     * The next piece of the body, or null at its end.
     *
     * @throws HttpTimeoutException when nothing arrives within {@code idle}
     * @throws IOException          when the connection fails while the body is read
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(Duration idle) throws IOException, InterruptedException {
        Object signal = signals.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
        if (signal == null) {
            cancel();
            throw new HttpTimeoutException("the body stopped arriving");
        }
        if (signal == END) {
            signals.add(END); // further calls keep answering "end"
            return null;
        }
        if (signal instanceof IOException error) {
            throw error;
        }
        if (signal instanceof Throwable error) {
            throw new IOException(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage(), error);
        }
        request();
        return (List<ByteBuffer>) signal;
    }

    /** Stops the transfer and drops the connection; harmless after the end of the body. */
    synchronized void cancel() {
        cancelled = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private synchronized void request() {
        if (!cancelled) {
            subscription.request(1);
        }
    }
}

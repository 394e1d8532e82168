package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the state file current: at once on every phase change, and every {@link #INTERVAL} when
 * requests were answered since the last write, so that no request waits for the disk.
 */
final class StateRecorder implements AutoCloseable {

    /** How stale the counts of {@code status} may be. */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final StateFile file;
    private final long pid;
    private final RequestCounts counts;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "edeposit-state-file");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceState state = new ServiceState(ServiceState.Phase.CONNECTING, "");
    private long written = -1;

    StateRecorder(StateFile file, long pid, RequestCounts counts) {
        this.file = file;
        this.pid = pid;
        this.counts = counts;
        timer.scheduleWithFixedDelay(this::writeIfCounted, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records {@code next} and the counts now. */
    synchronized void phase(ServiceState next) {
        state = next;
        write();
    }

    private synchronized void writeIfCounted() {
        if (counts.changes() != written) {
            write();
        }
    }

    private void write() {
        written = counts.changes(); // read first: a request counted during the write is written next time
        file.write(pid, state, counts.snapshot());
    }

    /** Stops the timer and waits for a write in progress, so that none comes after the file is deleted. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Placed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Deletes placed files and archive directories that no record uses: what a save replaced or moved
 * (released content gets a fresh modification time, {@link ContentReferences#release}), and what a
 * crash between the rename and the commit left behind.
 *
 * <p>Only content last written more than the grace period ago is considered. Each candidate is
 * checked by one query without locks, and deleted only by {@link ContentReferences#deleteIfUnused},
 * which locks the content's row first: a save that is giving it a record holds that lock from
 * before its rename until its commit, so the sweep either counts that record or makes the save wait
 * (and the save then places its file again). Before it looks, the database makes every commit durable
 * ({@link ContentReferences#flushCommits}): so the commit that released a file older than the grace
 * period is on disk before the file goes, and a crash cannot bring back a record naming it.
 */
final class OrphanSweeper implements AutoCloseable {

    /** What one sweep found: content looked at (older than the grace period) and content deleted. */
    record Result(long checked, long deleted) {
    }

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);
    /** Keys per reference query: small enough for any database's parameter limit. */
    private static final int BATCH = 500;

    private final FileStore files;
    private final ContentReferences references;
    private final Duration grace;
    private final Clock clock;
    private final Runnable checkMounted;
    private ScheduledExecutorService timer;

    /** {@code checkMounted} throws when the store's volume is not mounted (then nothing is swept). */
    OrphanSweeper(FileStore files, ContentReferences references, Duration grace, Clock clock, Runnable checkMounted) {
        this.files = files;
        this.references = references;
        this.grace = grace;
        this.clock = clock;
        this.checkMounted = checkMounted;
    }

    /**
     * Sweeps every area once. An index without any record deletes nothing: it is more likely a wrong
     * {@code STORAGE_DB_URL} (a new, empty database) than a store whose every file is unused.
     */
    Result sweep() throws Exception {
        checkMounted.run();
        Instant before = clock.instant().minus(grace);
        // everything released before `before` was released by a commit that this makes durable
        references.flushCommits();
        if (references.indexEmpty()) {
            long old = 0;
            for (Area area : Area.values()) {
                try (Stream<Placed> placed = files.placed(area)) {
                    old += placed.filter(p -> p.modified().isBefore(before)).count();
                }
            }
            if (old > 0) {
                log.warn("Sweep of unused files skipped: the index holds no publication and no archive, but the store"
                        + " holds {} files or archives; check STORAGE_DB_URL", old);
            }
            return new Result(0, 0);
        }
        long checked = 0;
        long deleted = 0;
        for (Area area : Area.values()) {
            try (Stream<Placed> placed = files.placed(area)) {
                Iterator<Placed> it = placed.filter(p -> p.modified().isBefore(before)).iterator();
                while (it.hasNext()) {
                    List<String> batch = new ArrayList<>(BATCH);
                    while (it.hasNext() && batch.size() < BATCH) {
                        batch.add(it.next().key());
                    }
                    checked += batch.size();
                    Set<String> used = references.used(area, batch);
                    for (String key : batch) {
                        if (!used.contains(key) && references.deleteIfUnused(area, key, before)) {
                            deleted++;
                            log.info("Deleted {} of {}: no record uses it", key, area);
                        }
                    }
                }
            }
        }
        return new Result(checked, deleted);
    }

    /** Sweeps now in the background, then every {@code interval} (zero: once); failures are logged. */
    synchronized void start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "storage-sweep");
            thread.setDaemon(true);
            return thread;
        });
        Runnable run = () -> {
            try {
                Result result = sweep();
                if (result.checked() > 0) {
                    log.info("Sweep of unused files: {} older than {} s checked, {} deleted", result.checked(),
                            grace.toSeconds(), result.deleted());
                }
            } catch (Exception e) {
                log.warn("Sweep of unused files failed (the next one will retry): {}", e.toString());
            }
        };
        if (interval.isZero()) {
            timer.execute(run);
        } else {
            timer.scheduleWithFixedDelay(run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the background sweeps, waiting a little for one that runs. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

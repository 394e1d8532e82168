package cz.edeposit.amqp.rpc;

import java.nio.file.Path;

/**
 * Where a daemon remembers how often it has started on a redelivered request, so that a request
 * that kills the process every time is not retried forever. Keys are hashes, values small counts.
 */
public interface AttemptStore {

    /** The count recorded for {@code key}, or 0. */
    int recorded(String key);

    /** Records {@code attempts} for {@code key} before the handler starts, so that a crash counts. */
    void record(String key, int attempts);

    /** Forgets {@code key} once its request has been answered. */
    void forget(String key);

    /** One small file per key in {@code directory}: counts survive the process; old files are pruned. */
    static AttemptStore inDirectory(Path directory) {
        return new FileAttemptStore(directory);
    }

    /** Counts that live as long as this JVM (enough for an in-process daemon and its reconnects). */
    static AttemptStore inMemory() {
        return new MemoryAttemptStore();
    }
}

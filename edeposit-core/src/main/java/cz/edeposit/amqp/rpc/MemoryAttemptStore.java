package cz.edeposit.amqp.rpc;

import java.util.concurrent.ConcurrentHashMap;

/** Attempt counts in a map, shared by the workers of one JVM. */
final class MemoryAttemptStore implements AttemptStore {

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public int recorded(String key) {
        return counts.getOrDefault(key, 0);
    }

    @Override
    public void record(String key, int attempts) {
        counts.put(key, attempts);
    }

    @Override
    public void forget(String key) {
        counts.remove(key);
    }
}

package cz.edeposit.amqp.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The calls of one client that wait for a final reply, by {@code UUID}. An entry leaves the map on
 * its final reply, its exception reply, its time-out, a publish failure, a cancel by the caller,
 * or close; whichever comes first completes the future, the others find nothing to do.
 */
final class PendingCalls {

    private final ConcurrentHashMap<String, PendingCall<?>> calls = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final LateReplies late = new LateReplies();

    /** @param clientId names the timer thread, so that a client's threads can be told apart */
    PendingCalls(String clientId) {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "edeposit-client " + clientId + " timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled time-outs leave the queue at once instead of when they would have fired.
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Registers {@code call} and arms its time-out.
     *
     * @throws IllegalArgumentException if another pending call uses the same UUID
     */
    void add(PendingCall<?> call, Function<PendingCall<?>, RuntimeException> onTimeout) {
        if (calls.putIfAbsent(call.uuid, call) != null) {
            throw new IllegalArgumentException("UUID " + call.uuid + " is already used by a pending call");
        }
        // Whoever completes the future (us, the caller's cancel, or anything else) removes the entry.
        call.future.whenComplete((value, error) -> forget(call));
        call.timer(timer.schedule(() -> fail(call, onTimeout.apply(call)),
                call.timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    PendingCall<?> get(String uuid) {
        return uuid == null ? null : calls.get(uuid);
    }

    @SuppressWarnings("unchecked")
    <T> void complete(PendingCall<T> call, Object value) {
        if (forget(call)) {
            call.future.complete((T) value);
        }
    }

    void fail(PendingCall<?> call, Throwable error) {
        if (forget(call)) {
            call.future.completeExceptionally(error);
        }
    }

    /** Fails every pending call that matches {@code which}. */
    void failAll(Predicate<PendingCall<?>> which, Function<PendingCall<?>, Throwable> error) {
        for (PendingCall<?> call : List.copyOf(calls.values())) {
            if (which.test(call)) {
                fail(call, error.apply(call));
            }
        }
    }

    /** The pending calls that match {@code which}, at this moment. */
    List<PendingCall<?>> matching(Predicate<PendingCall<?>> which) {
        return calls.values().stream().filter(which).toList();
    }

    LateReplies late() {
        return late;
    }

    int size() {
        return calls.size();
    }

    /** Time-outs still armed; zero whenever no call is pending. */
    int armedTimers() {
        return timer.getQueue().size();
    }

    void shutdown() {
        timer.shutdownNow();
    }

    private boolean forget(PendingCall<?> call) {
        boolean removed = calls.remove(call.uuid, call);
        call.cancelTimer();
        return removed;
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

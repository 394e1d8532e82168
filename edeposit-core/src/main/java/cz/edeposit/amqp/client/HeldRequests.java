package cz.edeposit.amqp.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The requests of one vhost that wait for its link to come back: those in doubt (published, never
 * confirmed) first, in the order they were published, then new ones in the order they were made.
 * A call that ends meanwhile (time-out, cancel, close) leaves at once, so nothing is kept for it.
 */
final class HeldRequests {

    private final LinkedHashSet<Outgoing> waiting = new LinkedHashSet<>();

    /** Holds a request made while the link is down, behind the ones already held. */
    void add(Outgoing request) {
        synchronized (this) {
            waiting.add(request);
        }
        leaveWhenDone(request);
    }

    /** Holds requests whose confirm never came, ahead of the ones already held; ended calls are skipped. */
    void addInDoubt(List<Outgoing> requests) {
        synchronized (this) {
            LinkedHashSet<Outgoing> all = new LinkedHashSet<>();
            for (Outgoing request : requests) {
                if (!request.call().future.isDone()) {
                    all.add(request);
                }
            }
            all.addAll(waiting);
            waiting.clear();
            waiting.addAll(all);
        }
        requests.forEach(this::leaveWhenDone);
    }

    /** Takes every held request whose call still waits, in order. */
    synchronized List<Outgoing> drain() {
        List<Outgoing> taken = new ArrayList<>(waiting.size());
        for (Outgoing request : waiting) {
            if (!request.call().future.isDone()) {
                taken.add(request);
            }
        }
        waiting.clear();
        return taken;
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized void clear() {
        waiting.clear();
    }

    // Runs at once if the call has already ended; otherwise on whichever thread ends it.
    private void leaveWhenDone(Outgoing request) {
        request.call().future.whenComplete((value, error) -> remove(request));
    }

    private synchronized void remove(Outgoing request) {
        waiting.remove(request);
    }
}

package cz.edeposit.amqp.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * A worker's confirm/ack bookkeeping: acks an answered request, with {@code basic.ack(multiple=true)},
 * once the broker has confirmed every reply published for it and for every request before it.
 *
 * <p>Two threads use it. The worker thread records each publish sequence number before publishing
 * ({@link #published}) and then the answered request ({@link #answered}); the client's connection
 * thread reports confirms ({@link #confirmed}) and nacks ({@link #nacked}). Both sides add or remove
 * without a lock; computing and sending an ack holds {@link #lock}, so acks go out one at a time, in
 * delivery-tag order, never twice and never before the confirms. Each side changes its table first
 * and looks for an ack second, so whichever comes last sees both and acks (docs/architecture.md,
 * "Threading model").
 */
final class AckLedger {

    /** Sends {@code basic.ack(lastDeliveryTag, multiple=true)}. Called with the ledger's lock held. */
    interface Acker {
        void ack(long lastDeliveryTag) throws IOException;
    }

    /** A request that has been answered but whose replies are not all confirmed yet. */
    private record Pending(long deliveryTag, long firstSeq, long lastSeq, DeliveryAttempts.Attempt attempt) {
    }

    private final Acker acker;
    private final Consumer<DeliveryAttempts.Attempt> finished;
    private final Consumer<String> failures;
    private final Object lock = new Object();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>(); // polled under lock
    private final ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    private final List<DeliveryAttempts.Attempt> released = new ArrayList<>(); // under lock, reused
    private long refusedFrom = Long.MAX_VALUE; // under lock: the lowest nacked number
    private long heldFrom = Long.MAX_VALUE; // under lock: no request with a reply from here on is acked
    private int holds; // under lock: returned replies not yet delivered again or given up

    /**
     * @param acker    sends the ack
     * @param finished told, after the ack, of the attempt of each request it acked
     * @param failures told, on the connection thread, why the channel can no longer be trusted
     *                 (a nack, a failed ack); the request stays unacked and will be redelivered
     */
    AckLedger(Acker acker, Consumer<DeliveryAttempts.Attempt> finished, Consumer<String> failures) {
        this.acker = acker;
        this.finished = finished;
        this.failures = failures;
    }

    /** On the worker thread, before each publish, so that a confirm can never arrive for an unrecorded number. */
    void published(long seqNo) {
        unconfirmed.add(seqNo);
    }

    /**
     * On the worker thread, once a request is answered with the replies numbered {@code firstSeq} to
     * {@code lastSeq} (none when {@code lastSeq < firstSeq}); acks at once if they are all confirmed.
     *
     * @throws ChannelFailure when that ack failed
     */
    void answered(long deliveryTag, long firstSeq, long lastSeq, DeliveryAttempts.Attempt attempt) {
        Pending answered = new Pending(deliveryTag, firstSeq, lastSeq, attempt);
        pending.add(answered);
        // Added first, checked second (the confirm side removes first, acks second): whichever
        // thread comes last sees both and acks; usually the confirms are still on their way.
        if (allConfirmed(answered)) {
            synchronized (lock) {
                ackConfirmedPrefix();
            }
        }
    }

    /** On the connection thread: a failure must not escape into it, it goes to {@code failures}. */
    void confirmed(long seqNo, boolean multiple) {
        try {
            if (multiple) {
                unconfirmed.headSet(seqNo, true).clear();
            } else {
                unconfirmed.remove(seqNo);
            }
            synchronized (lock) {
                ackConfirmedPrefix();
            }
        } catch (RuntimeException e) { // a ChannelFailure from the ack, or the channel closing under us
            failures.accept(String.valueOf(e.getMessage()));
        }
    }

    /**
     * On the connection thread: the request of a refused number, and every later one, is never acked,
     * not even by a later {@code multiple=true} confirm that spans the refused number.
     */
    void nacked(long seqNo, boolean multiple) {
        Long lowest = multiple ? unconfirmed.ceiling(Long.MIN_VALUE) : null;
        long refused = lowest != null && lowest < seqNo ? lowest : seqNo;
        synchronized (lock) {
            refusedFrom = Math.min(refusedFrom, refused);
        }
        failures.accept("the broker refused to store a reply (basic.nack, seq " + seqNo
                + "); the request stays unacked and will be redelivered");
    }

    /**
     * On the connection thread, when the broker returned a reply as unroutable (before it confirms
     * it: RabbitMQ confirms a returned message): no request with a reply numbered from the lowest
     * unconfirmed one on is acked until {@link #release} is called as often. The returned number
     * itself is not known (a return carries none), so this holds from the lowest one it can be.
     */
    void hold() {
        Long lowest = unconfirmed.ceiling(Long.MIN_VALUE);
        synchronized (lock) {
            heldFrom = Math.min(heldFrom, lowest == null ? Long.MIN_VALUE : lowest);
            holds++;
        }
    }

    /** On any thread: a returned reply was delivered again, or given up; acks what it held once none is left. */
    void release() {
        try {
            synchronized (lock) {
                if (holds > 0 && --holds == 0) {
                    heldFrom = Long.MAX_VALUE;
                    ackConfirmedPrefix();
                }
            }
        } catch (RuntimeException e) { // the channel is gone: its requests are redelivered anyway
            failures.accept(String.valueOf(e.getMessage()));
        }
    }

    /** How many answered requests are not acked yet. */
    int unacked() {
        return pending.size();
    }

    private boolean allConfirmed(Pending answered) {
        Long first = unconfirmed.ceiling(answered.firstSeq());
        return first == null || first > answered.lastSeq();
    }

    /** Acks, in one frame, the longest run of answered requests whose replies are all confirmed. */
    private void ackConfirmedPrefix() { // with lock held
        long lastTag = -1;
        try {
            Pending head;
            while ((head = pending.peek()) != null && head.lastSeq() < refusedFrom && head.lastSeq() < heldFrom
                    && allConfirmed(head)) {
                lastTag = head.deliveryTag();
                released.add(head.attempt());
                pending.poll();
            }
            if (lastTag >= 0) {
                try {
                    acker.ack(lastTag);
                } catch (IOException | RuntimeException e) {
                    throw new ChannelFailure("could not ack delivery " + lastTag + ": " + e);
                }
                released.forEach(finished);
            }
        } finally {
            released.clear();
        }
    }
}

package cz.edeposit.amqp.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The requests of one run and what the broker and the worker did with them; as the ledger's
 * acker and attempt callback it checks every ack against what was answered and confirmed.
 */
final class LedgerRun {

    final int requests;
    final long[] firstSeq;
    final long[] lastSeq;
    final AtomicIntegerArray answered;
    final AtomicIntegerArray confirmed;
    final AtomicIntegerArray returned; // 1 while a returned reply is being retried (between hold and release)
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>(); // the first few
    final List<String> failures = new ArrayList<>();
    final List<Long> acks = new ArrayList<>();
    final AtomicBoolean acking = new AtomicBoolean();
    final Semaphore window = new Semaphore(0);
    final AckLedger ledger = new AckLedger(this::ack, this::finished, failures::add);
    volatile long lastAcked; // volatile: the race tests watch it from their own thread for progress
    long lastFinished;

    /** Request {@code tag} (from 1) has {@code replies[tag - 1]} replies, numbered from 1 on. */
    LedgerRun(int... replies) {
        requests = replies.length;
        firstSeq = new long[requests + 1];
        lastSeq = new long[requests + 1];
        long next = 1;
        for (int tag = 1; tag <= requests; tag++) {
            firstSeq[tag] = next;
            next += replies[tag - 1];
            lastSeq[tag] = next - 1;
        }
        answered = new AtomicIntegerArray(requests + 1);
        confirmed = new AtomicIntegerArray((int) next);
        returned = new AtomicIntegerArray((int) next);
    }

    /** 0 replies now and then, mostly 1, sometimes several (progress messages before the result). */
    static LedgerRun random(Random random, int requests) {
        int[] replies = new int[requests];
        for (int i = 0; i < requests; i++) {
            int dice = random.nextInt(20);
            replies[i] = dice < 3 ? 0 : dice < 12 ? 1 : 2 + random.nextInt(4);
        }
        return new LedgerRun(replies);
    }

    void publish(long seq) {
        ledger.published(seq);
    }

    void answer(int tag) {
        answered.set(tag, 1);
        ledger.answered(tag, firstSeq[tag], lastSeq[tag], new DeliveryAttempts.Attempt(tag, null, false));
    }

    /** What the broker does: marks the outstanding numbers confirmed (not the nacked ones), then tells the ledger. */
    void confirm(List<Long> outstanding, long seq, boolean multiple) {
        outstanding.removeIf(s -> {
            boolean covered = multiple ? s <= seq : s == seq;
            if (covered) {
                confirmed.set((int) (long) s, 1);
            }
            return covered;
        });
        ledger.confirmed(seq, multiple);
    }

    void violation(String what) {
        if (violations.size() < 5) {
            violations.add(what);
        }
    }

    private void ack(long lastTag) throws IOException {
        if (!acking.compareAndSet(false, true)) {
            violation("two acks at once, the second up to " + lastTag);
        }
        if (lastTag <= lastAcked) {
            violation("ack up to " + lastTag + " after ack up to " + lastAcked + ": acked twice");
        }
        for (long tag = lastAcked + 1; tag <= lastTag; tag++) {
            if (tag > requests || answered.get((int) tag) == 0) {
                violation("request " + tag + " acked before it was answered");
                continue;
            }
            for (long seq = firstSeq[(int) tag]; seq <= lastSeq[(int) tag]; seq++) {
                if (confirmed.get((int) seq) == 0) {
                    violation("request " + tag + " acked before its reply " + seq + " was confirmed");
                }
                if (returned.get((int) seq) == 1) {
                    violation("request " + tag + " acked while its returned reply " + seq + " was being retried");
                }
            }
        }
        acks.add(lastTag);
        lastAcked = Math.max(lastAcked, lastTag);
        acking.set(false);
    }

    private void finished(DeliveryAttempts.Attempt attempt) {
        if (attempt.number() != lastFinished + 1 || attempt.number() > lastAcked) {
            violation("attempt of request " + attempt.number() + " finished after " + lastFinished
                    + " with acks up to " + lastAcked);
        }
        lastFinished = attempt.number();
        window.release();
    }

    /** The answered requests whose replies are all confirmed, counted from the first. */
    int confirmedPrefix() {
        int prefix = 0;
        for (int tag = 1; tag <= requests && answered.get(tag) == 1; tag++) {
            for (long seq = firstSeq[tag]; seq <= lastSeq[tag]; seq++) {
                if (confirmed.get((int) seq) == 0) {
                    return prefix;
                }
            }
            prefix = tag;
        }
        return prefix;
    }

    /** Nothing acked early, twice or out of order; everything confirmed is acked, no more, no less. */
    void assertSettled(Supplier<String> where) {
        assertEquals(List.of(), List.copyOf(violations), where);
        assertEquals(confirmedPrefix(), lastAcked, () -> where.get() + ": the ack covers the confirmed prefix");
        assertEquals(lastAcked, lastFinished, () -> where.get() + ": attempts finished with their acks");
        int answeredCount = 0;
        while (answeredCount < requests && answered.get(answeredCount + 1) == 1) {
            answeredCount++;
        }
        assertEquals(answeredCount - lastAcked, ledger.unacked(), () -> where.get() + ": unacked answers");
    }
}

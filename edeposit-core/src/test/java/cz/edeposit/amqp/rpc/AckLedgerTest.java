package cz.edeposit.amqp.rpc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger acks each answered request once, in delivery-tag order, and only after every reply
 * published for it is confirmed, whatever the order of publishes, confirms and nacks.
 */
class AckLedgerTest {

    private static final long END = -1;

    /**
     * The requests of one run and what the broker and the worker did with them; as the ledger's
     * acker and attempt callback it checks every ack against what was answered and confirmed.
     */
    private static final class Run {
        final int requests;
        final long[] firstSeq;
        final long[] lastSeq;
        final AtomicIntegerArray answered;
        final AtomicIntegerArray confirmed;
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final List<String> failures = new ArrayList<>();
        final List<Long> acks = new ArrayList<>();
        final AtomicBoolean acking = new AtomicBoolean();
        final Semaphore window = new Semaphore(0);
        final AckLedger ledger = new AckLedger(this::ack, this::finished, failures::add);
        long lastAcked;
        long lastFinished;

        /** Request {@code tag} (from 1) has {@code replies[tag - 1]} replies, numbered from 1 on. */
        Run(int... replies) {
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
        }

        /** 0 replies now and then, mostly 1, sometimes several (progress messages before the result). */
        static Run random(Random random, int requests) {
            int[] replies = new int[requests];
            for (int i = 0; i < requests; i++) {
                int dice = random.nextInt(20);
                replies[i] = dice < 3 ? 0 : dice < 12 ? 1 : 2 + random.nextInt(4);
            }
            return new Run(replies);
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

        private void ack(long lastTag) throws IOException {
            if (!acking.compareAndSet(false, true)) {
                violations.add("two acks at once, the second up to " + lastTag);
            }
            if (lastTag <= lastAcked) {
                violations.add("ack up to " + lastTag + " after ack up to " + lastAcked + ": acked twice");
            }
            for (long tag = lastAcked + 1; tag <= lastTag; tag++) {
                if (tag > requests || answered.get((int) tag) == 0) {
                    violations.add("request " + tag + " acked before it was answered");
                    continue;
                }
                for (long seq = firstSeq[(int) tag]; seq <= lastSeq[(int) tag]; seq++) {
                    if (confirmed.get((int) seq) == 0) {
                        violations.add("request " + tag + " acked before its reply " + seq + " was confirmed");
                    }
                }
            }
            acks.add(lastTag);
            lastAcked = Math.max(lastAcked, lastTag);
            acking.set(false);
        }

        private void finished(DeliveryAttempts.Attempt attempt) {
            if (attempt.number() != lastFinished + 1 || attempt.number() > lastAcked) {
                violations.add("attempt of request " + attempt.number() + " finished after " + lastFinished
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

    @Test
    void aRequestIsAckedOnceAllItsRepliesAreConfirmedInAnyOrder() {
        Run run = new Run(3);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L, 3L));
        run.publish(1);
        run.publish(2);
        run.publish(3);
        run.answer(1);
        run.confirm(outstanding, 3, false);
        run.confirm(outstanding, 1, false);
        assertEquals(List.of(), run.acks, "reply 2 is not confirmed yet");
        run.confirm(outstanding, 2, false);
        assertEquals(List.of(1L), run.acks);
        run.assertSettled(() -> "one request");
    }

    @Test
    void oneMultipleConfirmAcksTheWholeConfirmedRunInOneFrame() {
        Run run = new Run(1, 0, 2, 1);
        for (long seq = 1; seq <= 4; seq++) {
            run.publish(seq);
        }
        for (int tag = 1; tag <= 4; tag++) {
            run.answer(tag);
        }
        run.confirm(new ArrayList<>(List.of(1L, 2L, 3L, 4L)), 3, true);
        assertEquals(List.of(3L), run.acks, "request 3's replies 2 and 3 are in, request 4's reply is not");
        run.assertSettled(() -> "multiple confirm");
    }

    @Test
    void aRequestWithoutRepliesIsAckedOnAnsweringWhenNothingBeforeItWaits() {
        Run run = new Run(0);
        run.answer(1);
        assertEquals(List.of(1L), run.acks);
        run.assertSettled(() -> "no replies");
    }

    @Test
    void aNackedReplyKeepsItsRequestAndEveryLaterOneUnackedAndIsReported() {
        Run run = new Run(1, 2, 1);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L, 3L, 4L));
        for (long seq = 1; seq <= 4; seq++) {
            run.publish(seq);
        }
        for (int tag = 1; tag <= 3; tag++) {
            run.answer(tag);
        }
        run.ledger.nacked(2, false);
        outstanding.remove(2L);
        run.confirm(outstanding, 4, false);
        run.confirm(outstanding, 3, false);
        run.confirm(outstanding, 1, false);
        assertEquals(List.of(1L), run.acks);
        assertEquals(List.of("the broker refused to store a reply (basic.nack, seq 2); the request stays unacked"
                + " and will be redelivered"), run.failures);
        run.assertSettled(() -> "nack");
        assertEquals(2, run.ledger.unacked());
    }

    @Test
    void aMultipleConfirmSpanningANackedReplyDoesNotAckItsRequest() {
        Run run = new Run(1, 1, 1);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L, 3L));
        for (long seq = 1; seq <= 3; seq++) {
            run.publish(seq);
        }
        for (int tag = 1; tag <= 3; tag++) {
            run.answer(tag);
        }
        run.ledger.nacked(2, false);
        outstanding.remove(2L);
        run.confirm(outstanding, 3, true); // the broker no longer counts 2 as outstanding
        assertEquals(List.of(1L), run.acks);
        run.assertSettled(() -> "multiple confirm after a nack");
    }

    @Test
    void aFailedAckOnTheConnectionThreadIsReportedAndFinishesNoAttempt() {
        List<String> failures = new ArrayList<>();
        List<DeliveryAttempts.Attempt> finished = new ArrayList<>();
        AckLedger ledger = new AckLedger(tag -> {
            throw new IOException("connection reset");
        }, finished::add, failures::add);
        ledger.published(1);
        ledger.answered(1, 1, 1, new DeliveryAttempts.Attempt(2, "key", false));
        ledger.confirmed(1, false); // must not throw into the client's thread
        assertEquals(List.of("could not ack delivery 1: java.io.IOException: connection reset"), failures);
        assertEquals(List.of(), finished, "the attempt stays counted: the request will be redelivered");
    }

    @Test
    void aFailedAckOnTheWorkerThreadThrowsChannelFailure() {
        List<String> failures = new ArrayList<>();
        List<DeliveryAttempts.Attempt> finished = new ArrayList<>();
        AckLedger ledger = new AckLedger(tag -> {
            throw new IllegalStateException("channel is already closed");
        }, finished::add, failures::add);
        ledger.published(1);
        ledger.confirmed(1, false); // the confirm came while the handler was still running
        ChannelFailure failure = assertThrows(ChannelFailure.class,
                () -> ledger.answered(1, 1, 1, new DeliveryAttempts.Attempt(2, "key", false)));
        assertEquals("could not ack delivery 1: java.lang.IllegalStateException: channel is already closed",
                failure.getMessage());
        assertEquals(List.of(), failures);
        assertEquals(List.of(), finished);
    }

    /**
     * Thousands of seeded runs, each a random interleaving of the worker's steps (record and publish a
     * reply, answer a request) with the broker's (confirm one reply or all up to one, sometimes nack);
     * after every step the acks must cover exactly the confirmed prefix.
     */
    @Test
    void everyInterleavingAcksEachRequestOnceInOrderAfterAllItsConfirms() {
        for (long seed = 1; seed <= 3000; seed++) {
            Random random = new Random(seed);
            Run run = Run.random(random, 1 + random.nextInt(12));
            double workerFirst = random.nextDouble();
            boolean nacks = random.nextInt(5) == 0;
            List<Long> outstanding = new ArrayList<>();
            List<String> steps = new ArrayList<>();
            int tag = 1;
            long seq = 1;
            while (tag <= run.requests || !outstanding.isEmpty()) {
                if (tag <= run.requests && (outstanding.isEmpty() || random.nextDouble() < workerFirst)) {
                    if (seq <= run.lastSeq[tag]) {
                        steps.add("publish " + seq);
                        run.publish(seq);
                        outstanding.add(seq++);
                    } else {
                        steps.add("answer " + tag);
                        run.answer(tag++);
                    }
                } else {
                    long chosen = outstanding.get(random.nextInt(outstanding.size()));
                    boolean multiple = random.nextInt(3) == 0;
                    if (nacks && random.nextInt(8) == 0) {
                        steps.add("nack " + chosen + (multiple ? " multiple" : ""));
                        outstanding.removeIf(s -> multiple ? s <= chosen : s == chosen);
                        run.ledger.nacked(chosen, multiple);
                    } else {
                        steps.add("confirm " + chosen + (multiple ? " multiple" : ""));
                        run.confirm(outstanding, chosen, multiple);
                    }
                }
                long failing = seed;
                run.assertSettled(() -> "seed " + failing + " after " + steps);
            }
            if (run.failures.isEmpty()) {
                assertEquals(run.requests, run.lastAcked, "seed " + seed + ": none forgotten");
            }
        }
    }

    @Test
    void aWorkerAndAConfirmThreadRacingOneRequestAtATime() throws Exception {
        race(1, 20_000, 11);
    }

    @Test
    void aWorkerAndAConfirmThreadRacingWithPrefetchedRequests() throws Exception {
        race(16, 50_000, 12);
    }

    /**
     * The worker thread records, publishes and answers, taking a request only when fewer than
     * {@code prefetch} are unacked (as the broker's basic.qos does); the confirm thread confirms what
     * is published in random order, one or all up to one at a time.
     */
    private static void race(int prefetch, int requests, long seed) throws Exception {
        Run run = Run.random(new Random(seed), requests);
        run.window.release(prefetch);
        BlockingQueue<Long> published = new LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread worker = new Thread(() -> {
            try {
                for (int tag = 1; tag <= requests; tag++) {
                    if (!run.window.tryAcquire(10, TimeUnit.SECONDS)) {
                        run.violations.add("request " + (tag - prefetch) + " or one before it was never acked");
                        break;
                    }
                    for (long seq = run.firstSeq[tag]; seq <= run.lastSeq[tag]; seq++) {
                        run.publish(seq);
                        published.add(seq);
                    }
                    run.answer(tag);
                }
            } catch (Throwable e) {
                errors.add(e);
            } finally {
                published.add(END);
            }
        }, "ack-ledger-worker");
        Thread connection = new Thread(() -> {
            Random random = new Random(seed + 1);
            List<Long> outstanding = new ArrayList<>();
            List<Long> arrived = new ArrayList<>();
            boolean ended = false;
            try {
                while (!ended || !outstanding.isEmpty()) {
                    if (outstanding.isEmpty()) {
                        arrived.add(published.take());
                    }
                    published.drainTo(arrived);
                    for (long seq : arrived) {
                        if (seq == END) {
                            ended = true;
                        } else {
                            outstanding.add(seq);
                        }
                    }
                    arrived.clear();
                    if (!outstanding.isEmpty()) {
                        long chosen = outstanding.get(random.nextInt(outstanding.size()));
                        run.confirm(outstanding, chosen, random.nextInt(4) == 0);
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "ack-ledger-connection");
        worker.start();
        connection.start();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        connection.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.isAlive() || connection.isAlive(), "the race did not end");
        assertEquals(List.of(), List.copyOf(errors));
        assertTrue(run.failures.isEmpty(), run.failures::toString);
        run.assertSettled(() -> "prefetch " + prefetch + ", seed " + seed);
        assertEquals(requests, run.lastAcked, "none forgotten");
    }
}

package cz.edeposit.amqp.rpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's worker and connection sides on two real threads racing: every request is acked once,
 * in order, after its confirms, and none is forgotten. Each failure names what went wrong first.
 */
class AckLedgerRaceTest {

    private static final long END = -1;
    /**
     * How long a race may go without acking any request before it counts as hung (a forgotten request, or a
     * ledger that deadlocked): a bound on a hang, not on the machine's speed, which only makes the race longer.
     */
    private static final Duration STALL = Duration.ofSeconds(60);

    @Test
    void racingThreadsAckEveryRequestOnceOneRequestAtATime() throws Exception {
        race(1, 20_000, 11);
    }

    @Test
    void racingThreadsAckEveryRequestOnceWithPrefetchedRequests() throws Exception {
        race(16, 30_000, 12);
    }

    @Test
    void returnedRepliesReleasedOnAThirdThreadHoldTheirRequestsAndForgetNone() throws Exception {
        race(16, 30_000, 14, true);
    }

    /**
     * The worker answers a request at the very moment its last reply is confirmed, round after round:
     * whichever thread comes second must ack it, and only one of them.
     */
    @Test
    void anAnswerAndItsLastConfirmArrivingTogetherAckTheRequestOnce() throws Exception {
        int rounds = 10_000;
        LedgerRun run = LedgerRun.random(new Random(13), rounds);
        SpinBarrier barrier = new SpinBarrier();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread worker = new Thread(() -> {
            try {
                for (int tag = 1; tag <= rounds; tag++) {
                    for (long seq = run.firstSeq[tag]; seq <= run.lastSeq[tag]; seq++) {
                        run.publish(seq);
                    }
                    barrier.await(); // published; the other thread confirms all replies but the last
                    barrier.await();
                    run.answer(tag);
                    barrier.await();
                    if (run.lastAcked != tag) {
                        run.violation("request " + tag + " was forgotten");
                        barrier.abandon();
                        return;
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
                barrier.abandon();
            }
        }, "ack-ledger-worker");
        Thread connection = new Thread(() -> {
            try {
                for (int tag = 1; tag <= rounds; tag++) {
                    long first = run.firstSeq[tag];
                    long last = run.lastSeq[tag];
                    if (!barrier.await()) {
                        return;
                    }
                    for (long seq = first; seq < last; seq++) {
                        run.confirmed.set((int) seq, 1);
                        run.ledger.confirmed(seq, false);
                    }
                    if (!barrier.await()) {
                        return;
                    }
                    if (last >= first) {
                        run.confirmed.set((int) last, 1);
                        run.ledger.confirmed(last, tag % 2 == 0);
                    }
                    if (!barrier.await()) {
                        return;
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
                barrier.abandon();
            }
        }, "ack-ledger-connection");
        worker.start();
        connection.start();
        awaitEnd(run, barrier::abandon, worker, connection);
        assertEquals(List.of(), List.copyOf(errors));
        run.assertSettled(() -> "answer and confirm together");
        assertEquals(rounds, run.lastAcked, "none forgotten");
    }

    /**
     * The worker thread records, publishes and answers, taking a request only when fewer than
     * {@code prefetch} are unacked (as the broker's basic.qos does); the confirm thread confirms what
     * is published in random order, one or all up to one at a time.
     */
    private static void race(int prefetch, int requests, long seed) throws Exception {
        race(prefetch, requests, seed, false);
    }

    /**
     * As above; with {@code returns}, now and then a reply is returned before its confirm (as the
     * broker does): the connection thread holds the ledger, and a third thread, the reply retry,
     * settles the reply and releases the ledger a little later.
     */
    private static void race(int prefetch, int requests, long seed, boolean returns) throws Exception {
        BlockingQueue<Long> retries = new LinkedBlockingQueue<>();
        AtomicBoolean hung = new AtomicBoolean();
        LedgerRun run = LedgerRun.random(new Random(seed), requests);
        run.window.release(prefetch);
        BlockingQueue<Long> published = new LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread worker = new Thread(() -> {
            try {
                for (int tag = 1; tag <= requests && takeFromWindow(run, hung); tag++) {
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
                        boolean returnedFirst = returns && random.nextInt(50) == 0;
                        if (returnedFirst) {
                            run.returned.set((int) chosen, 1);
                            run.ledger.hold();
                        }
                        run.confirm(outstanding, chosen, !returnedFirst && random.nextInt(4) == 0);
                        if (returnedFirst) {
                            retries.add(chosen);
                        }
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
            } finally {
                retries.add(END);
            }
        }, "ack-ledger-connection");
        Thread retry = new Thread(() -> {
            try {
                for (long seq = retries.take(); seq != END; seq = retries.take()) {
                    Thread.onSpinWait();
                    run.returned.set((int) seq, 0); // delivered on a retry, or given up
                    run.ledger.release();
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "ack-ledger-reply-retry");
        worker.start();
        connection.start();
        retry.start();
        awaitEnd(run, () -> hung.set(true), worker, connection, retry);
        assertEquals(List.of(), List.copyOf(errors));
        assertTrue(run.failures.isEmpty(), run.failures::toString);
        run.assertSettled(() -> "prefetch " + prefetch + ", seed " + seed);
        assertEquals(requests, run.lastAcked, "none forgotten");
    }

    /**
     * Takes a place in the prefetch window for the next request, as the broker's basic.qos would deliver it: waits
     * while requests before it are still unacked, until {@code hung} says that no ack is coming.
     */
    private static boolean takeFromWindow(LedgerRun run, AtomicBoolean hung) throws InterruptedException {
        while (!run.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (hung.get()) {
                run.violation("a request after " + run.lastAcked + " was never acked");
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the threads to end for as long as the race goes on acking requests. After {@link #STALL} without
     * an ack it is hung: a violation, and {@code giveUp} tells the threads to stop.
     */
    private static void awaitEnd(LedgerRun run, Runnable giveUp, Thread... threads) throws InterruptedException {
        long acked = run.lastAcked;
        long progressed = System.nanoTime();
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(100);
                if (run.lastAcked != acked) {
                    acked = run.lastAcked;
                    progressed = System.nanoTime();
                } else if (System.nanoTime() - progressed > STALL.toNanos()) {
                    run.violation("no request acked for " + STALL.toSeconds() + " s after request " + acked);
                    giveUp.run();
                    for (Thread stopping : threads) {
                        stopping.join(STALL.toMillis());
                    }
                    assertFalse(Arrays.stream(threads).anyMatch(Thread::isAlive), "the race did not end: "
                            + run.violations);
                    return;
                }
            }
        }
    }
}

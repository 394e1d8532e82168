package cz.edeposit.amqp.rpc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ledger acks each answered request once, in delivery-tag order, and only after every reply
 * published for it is confirmed, whatever the order of publishes, confirms and nacks.
 */
class AckLedgerTest {

    @Test
    void aRequestIsAckedOnceAllItsRepliesAreConfirmedInAnyOrder() {
        LedgerRun run = new LedgerRun(3);
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
        LedgerRun run = new LedgerRun(1, 0, 2, 1);
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
        LedgerRun run = new LedgerRun(0);
        run.answer(1);
        assertEquals(List.of(1L), run.acks);
        run.assertSettled(() -> "no replies");
    }

    @Test
    void aNackedReplyKeepsItsRequestAndEveryLaterOneUnackedAndIsReported() {
        LedgerRun run = new LedgerRun(1, 2, 1);
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
        LedgerRun run = new LedgerRun(1, 1, 1);
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
    void aReturnedReplyHoldsItsRequestAndEveryLaterOneUntilItIsReleased() {
        LedgerRun run = new LedgerRun(1, 1, 1);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L, 3L));
        run.publish(1);
        run.answer(1);
        run.confirm(outstanding, 1, false);
        assertEquals(List.of(1L), run.acks);
        run.publish(2);
        run.ledger.hold(); // the broker returns reply 2, then confirms it: RabbitMQ confirms what it returned
        run.confirm(outstanding, 2, false);
        run.answer(2);
        run.publish(3);
        run.answer(3);
        run.confirm(outstanding, 3, false);
        assertEquals(List.of(1L), run.acks, "request 2's reply was returned: neither it nor request 3 is acked");
        assertEquals(2, run.ledger.unacked());
        run.ledger.release(); // delivered on a retry, or given up
        assertEquals(List.of(1L, 3L), run.acks);
        run.assertSettled(() -> "released");
    }

    @Test
    void everyHoldMustBeReleasedBeforeTheHeldRequestsAreAcked() {
        LedgerRun run = new LedgerRun(2);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L));
        run.publish(1);
        run.publish(2);
        run.ledger.hold();
        run.ledger.hold();
        run.confirm(outstanding, 2, true);
        run.answer(1);
        run.ledger.release();
        assertEquals(List.of(), run.acks, "one returned reply is still being retried");
        run.ledger.release();
        run.ledger.release(); // one too many changes nothing
        assertEquals(List.of(1L), run.acks);
        run.assertSettled(() -> "two holds");
    }

    @Test
    void aHoldDoesNotDelayARequestWhoseRepliesWereAllConfirmedBefore() {
        LedgerRun run = new LedgerRun(1, 1);
        List<Long> outstanding = new ArrayList<>(List.of(1L, 2L));
        run.publish(1);
        run.confirm(outstanding, 1, false);
        run.publish(2);
        run.ledger.hold(); // reply 2 returned while request 1 was not answered yet
        run.answer(1);
        assertEquals(List.of(1L), run.acks);
        run.confirm(outstanding, 2, false);
        run.answer(2);
        assertEquals(List.of(1L), run.acks);
        run.ledger.release();
        assertEquals(List.of(1L, 2L), run.acks);
    }

    @Test
    void aReleaseWhoseAckFailsReportsItAndDoesNotThrow() {
        List<String> failures = new ArrayList<>();
        AckLedger ledger = new AckLedger(tag -> {
            throw new IOException("channel closed");
        }, attempt -> { }, failures::add);
        ledger.published(1);
        ledger.hold();
        ledger.confirmed(1, false);
        ledger.answered(1, 1, 1, new DeliveryAttempts.Attempt(1, "key", false));
        ledger.release(); // on the retry thread: must not throw there
        assertEquals(List.of("could not ack delivery 1: java.io.IOException: channel closed"), failures);
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
            LedgerRun run = LedgerRun.random(random, 1 + random.nextInt(12));
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
}

package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How attempts at a request are numbered and remembered across process deaths. */
class DeliveryAttemptsTest {

    private static final byte[] BODY = "{\"__nt_name\": \"Halt\", \"why\": \"x\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static Envelope envelope(boolean redelivered) {
        return new Envelope(7, redelivered, "downloader", "request");
    }

    private static AMQP.BasicProperties headers(Map<String, Object> extra) {
        Map<String, Object> headers = new HashMap<>(extra);
        headers.put("UUID", "u-1");
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    private long files() throws Exception {
        try (var list = Files.list(dir)) {
            return list.count();
        }
    }

    @Test
    void aFirstDeliveryIsAttemptOneAndTouchesNoFile() throws Exception {
        DeliveryAttempts attempts = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3);
        DeliveryAttempts.Attempt attempt = attempts.begin(envelope(false), headers(Map.of()), BODY);
        assertEquals(new DeliveryAttempts.Attempt(1, null, false), attempt);
        assertEquals(0, files());
    }

    @Test
    void redeliveriesCountOnAcrossProcessesUntilTheLimit() throws Exception {
        // Each "process" gets a fresh store on the same directory, as after a crash and restart.
        DeliveryAttempts.Attempt second = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3)
                .begin(envelope(true), headers(Map.of()), BODY);
        assertEquals(2, second.number());
        assertFalse(second.exceeded());
        assertEquals(1, files(), "recorded before the handler runs, so a crash counts");
        DeliveryAttempts.Attempt third = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3)
                .begin(envelope(true), headers(Map.of()), BODY);
        assertEquals(3, third.number());
        assertFalse(third.exceeded());
        DeliveryAttempts last = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3);
        DeliveryAttempts.Attempt fourth = last.begin(envelope(true), headers(Map.of()), BODY);
        assertEquals(4, fourth.number());
        assertTrue(fourth.exceeded());
        last.finished(fourth);
        assertEquals(0, files(), "forgotten once answered");
    }

    @Test
    void anotherBodyOrUuidIsAnotherRequest() {
        AttemptStore store = AttemptStore.inMemory();
        DeliveryAttempts attempts = new DeliveryAttempts(store, 5);
        attempts.begin(envelope(true), headers(Map.of()), BODY);
        assertEquals(3, attempts.begin(envelope(true), headers(Map.of()), BODY).number());
        assertEquals(2, attempts.begin(envelope(true), headers(Map.of()), "{}".getBytes(StandardCharsets.UTF_8)).number());
        AMQP.BasicProperties other = new AMQP.BasicProperties.Builder().headers(Map.of("UUID", "u-2")).build();
        assertEquals(2, attempts.begin(envelope(true), other, BODY).number());
    }

    @Test
    void aQuorumQueueDeliveryCountIsUsedAsIsWithoutAFile() throws Exception {
        DeliveryAttempts attempts = new DeliveryAttempts(AttemptStore.inDirectory(dir), 5);
        DeliveryAttempts.Attempt attempt = attempts.begin(envelope(true), headers(Map.of("x-delivery-count", 5L)), BODY);
        assertEquals(6, attempt.number());
        assertTrue(attempt.exceeded());
        assertNull(attempt.key());
        assertEquals(0, files());
    }

    @Test
    void countsOlderThanAWeekArePrunedAtStart() throws Exception {
        Files.writeString(dir.resolve("old.count"), "4\n");
        Files.setLastModifiedTime(dir.resolve("old.count"), FileTime.from(Instant.now().minus(FileAttemptStore.MAX_AGE)
                .minusSeconds(60)));
        Files.writeString(dir.resolve("recent.count"), "2\n");
        AttemptStore store = AttemptStore.inDirectory(dir);
        assertEquals(0, store.recorded("old"));
        assertEquals(2, store.recorded("recent"));
    }

    @Test
    void anUnreadableCountIsNoCount() throws Exception {
        AttemptStore store = AttemptStore.inDirectory(dir);
        Files.writeString(dir.resolve("bad.count"), "many\n");
        assertEquals(0, store.recorded("bad"));
    }

    @Test
    void afterACrashRequestsWithoutTheRedeliveredFlagAreCountedUntilTheLimit() throws Exception {
        // Republished after each crash (by a client, a dead-letter cycle): never marked redelivered.
        for (int attempt = 1; attempt <= 3; attempt++) {
            DeliveryAttempts.Attempt started = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3, true)
                    .begin(envelope(false), headers(Map.of()), BODY);
            assertEquals(new DeliveryAttempts.Attempt(attempt, DeliveryAttempts.key("u-1", BODY), false), started);
            assertEquals(1, files(), "recorded before the handler runs");
        }
        DeliveryAttempts last = new DeliveryAttempts(AttemptStore.inDirectory(dir), 3, true);
        DeliveryAttempts.Attempt fourth = last.begin(envelope(false), headers(Map.of()), BODY);
        assertEquals(4, fourth.number());
        assertTrue(fourth.exceeded());
        last.finished(fourth);
        assertEquals(0, files());
    }

    @Test
    void countingFirstDeliveriesKeepsOneCountWithTheRedeliveredCopies() {
        DeliveryAttempts attempts = new DeliveryAttempts(AttemptStore.inMemory(), 5, true);
        assertEquals(1, attempts.begin(envelope(false), headers(Map.of()), BODY).number());
        assertEquals(2, attempts.begin(envelope(true), headers(Map.of()), BODY).number());
        assertEquals(3, attempts.begin(envelope(false), headers(Map.of()), BODY).number());
        assertEquals(1, attempts.begin(envelope(false), headers(Map.of()), "{}".getBytes(StandardCharsets.UTF_8))
                .number(), "another request is new");
    }
}

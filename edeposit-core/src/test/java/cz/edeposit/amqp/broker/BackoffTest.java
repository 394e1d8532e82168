package cz.edeposit.amqp.broker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one back-off rule of the daemons and the client: doubling, bounded, reset, and how it is printed. */
class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsAgainAfterAReset() {
        Backoff backoff = Backoff.of(RecoveryPolicy.defaults());
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
        backoff.reset();
        assertEquals(Duration.ofSeconds(1), backoff.next());
    }

    @Test
    void refusesAZeroStartOrAMaximumBelowIt() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> RecoveryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void printsWholeSecondsWithoutAndShorterDelaysWithADecimal() {
        assertEquals("2", Backoff.seconds(Duration.ofSeconds(2)));
        assertEquals("0.3", Backoff.seconds(Duration.ofMillis(250)));
        assertEquals("7.3", Backoff.seconds(Duration.ofMillis(7_300)));
    }
}

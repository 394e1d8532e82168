package cz.edeposit.amqp.aleph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing is checked on a fake clock: the sleeps it asks for, never wall-clock time. */
class RequestPacerTest {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    private RequestPacer pacer(int perSecond) {
        return new RequestPacer(perSecond, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void spacesBackToBackRequestsByTheInterval() throws InterruptedException {
        RequestPacer pacer = pacer(10);

        for (int i = 0; i < 4; i++) {
            pacer.await();
        }

        assertEquals(List.of(100_000_000L, 100_000_000L, 100_000_000L), sleeps);
    }

    @Test
    void doesNotWaitWhenRequestsAreAlreadyFurtherApart() throws InterruptedException {
        RequestPacer pacer = pacer(10);

        pacer.await();
        now += 250_000_000L;
        pacer.await();
        now += 30_000_000L;
        pacer.await();

        assertEquals(List.of(70_000_000L), sleeps);
    }

    @Test
    void concurrentCallersGetConsecutiveSlots() throws InterruptedException {
        List<Long> reserved = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(150, () -> now, reserved::add);

        for (int i = 0; i < 3; i++) {
            pacer.await();
        }

        long interval = 1_000_000_000L / 150;
        assertEquals(List.of(interval, 2 * interval), reserved, "the clock did not move: the second caller waits two slots");
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new RequestPacer(0));
    }
}

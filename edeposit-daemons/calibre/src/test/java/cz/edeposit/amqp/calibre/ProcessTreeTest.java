package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessTreeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    @Test
    void killsChildrenAndGrandchildrenThenTheRoot() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sh -c 'sleep 300 & sleep 300; wait' & wait").start();
        List<ProcessHandle> tree = awaitDescendants(root.toHandle(), 4);

        ProcessTree.kill(root.toHandle());

        // Killed, the root is a zombie until the JVM's reaper thread collects it a moment later.
        assertTrue(root.waitFor(10, TimeUnit.SECONDS), "the root ended");
        for (ProcessHandle process : tree) {
            assertFalse(ProcessTree.running(process), () -> "still running: " + process.info());
        }
    }

    @Test
    void countsAZombieAsEndedThoughJavaCallsItAlive() throws Exception {
        // The shell forks a child, then becomes a sleep that never reaps it. The child outlives the
        // exec: one that ended first could be reaped by the shell (it failed that way once with `true`).
        Process root = new ProcessBuilder("sh", "-c", "sleep 1 & exec sleep 300").start();
        ProcessHandle zombie = awaitDescendants(root.toHandle(), 1).get(0);
        Await.until("the forked child ends, unreaped", WAIT, () -> !ProcessTree.running(zombie));
        assertTrue(zombie.isAlive(), "Java reports the unreaped child as alive");
        ProcessTree.kill(root.toHandle());
        // Killed, the root is a zombie until the JVM's reaper thread collects it a moment later.
        assertTrue(root.waitFor(10, TimeUnit.SECONDS), "the root ended");
    }

    private static List<ProcessHandle> awaitDescendants(ProcessHandle root, int count) throws Exception {
        List<ProcessHandle> descendants = Await.value(count + " descendants of the shell", WAIT, POLL,
                () -> root.descendants().toList(), seen -> seen.size() >= count);
        assertEquals(count, descendants.size(), () -> "descendants: " + descendants);
        return descendants;
    }
}

package cz.edeposit.amqp.calibre;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessTreeTest {

    @Test
    void killsChildrenAndGrandchildrenThenTheRoot() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sh -c 'sleep 300 & sleep 300; wait' & wait").start();
        List<ProcessHandle> tree = awaitDescendants(root.toHandle(), 4);

        ProcessTree.kill(root.toHandle());

        assertFalse(root.isAlive());
        for (ProcessHandle process : tree) {
            assertFalse(ProcessTree.running(process), () -> "still running: " + process.info());
        }
    }

    @Test
    void countsAZombieAsEndedThoughJavaCallsItAlive() throws Exception {
        // The shell forks a child that exits at once, then becomes a sleep that never reaps it.
        Process root = new ProcessBuilder("sh", "-c", "true & exec sleep 300").start();
        ProcessHandle zombie = awaitDescendants(root.toHandle(), 1).get(0);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessTree.running(zombie) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(zombie.isAlive(), "Java reports the unreaped child as alive");
        assertFalse(ProcessTree.running(zombie));
        ProcessTree.kill(root.toHandle());
        assertFalse(root.isAlive());
    }

    private static List<ProcessHandle> awaitDescendants(ProcessHandle root, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<ProcessHandle> descendants = root.descendants().toList();
        while (descendants.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            descendants = root.descendants().toList();
        }
        assertEquals(count, descendants.size(), () -> "descendants: " + root.descendants().toList());
        return descendants;
    }
}

package cz.edeposit.amqp.calibre;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Kills a process and every process below it. */
final class ProcessTree {

    private static final int MAX_ROUNDS = 20;
    private static final long WAIT_NANOS = 5_000_000_000L;
    private static final long POLL_MILLIS = 20;

    private ProcessTree() {
    }

    /**
     * SIGKILLs the descendants of {@code root} while it still lives, in rounds until none is left
     * (a live root keeps them its descendants, so nothing escapes by being re-parented; a process
     * spawned meanwhile is caught by the next round), then the root itself.
     */
    static void kill(ProcessHandle root) {
        for (int round = 0; round < MAX_ROUNDS && running(root); round++) {
            List<ProcessHandle> descendants = root.descendants().filter(ProcessTree::running).toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(descendants);
        }
        root.destroyForcibly();
        awaitEnd(List.of(root));
    }

    /**
     * Whether the process still runs. A killed child stays a zombie until its parent reaps it, and
     * Java counts a zombie as alive; it runs no code and holds no files, so here it counts as ended.
     */
    static boolean running(ProcessHandle process) {
        return process.isAlive() && !zombieOrGone(process.pid());
    }

    private static boolean zombieOrGone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold ") ".
            int end = stat.lastIndexOf(')');
            return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true; // reaped since isAlive() looked: ended
        }
    }

    private static void awaitEnd(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (processes.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // Finish the kill first; the caller sees the interrupt afterwards.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

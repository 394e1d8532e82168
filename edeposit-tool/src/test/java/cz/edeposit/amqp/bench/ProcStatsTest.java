package cz.edeposit.amqp.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final long BURN_MICROS = 300_000;

    @Test
    void cpuSinceKeepsTheTimeOfAThreadThatEndedMeanwhile() throws InterruptedException {
        ProcStats.CpuSample before = ProcStats.cpuSample(PID);
        long burnt = burnInThreadThatEnds();

        long measured = ProcStats.cpuMicrosSince(PID, before);

        // utime + stime counts in 10 ms ticks: allow two of them.
        assertTrue(measured >= burnt - 20_000, "measured " + measured + " µs, the ended thread alone burnt " + burnt);
    }

    @Test
    void cpuSinceCountsAThreadThatStartedMeanwhileWhole() throws InterruptedException {
        ProcStats.CpuSample before = ProcStats.cpuSample(PID);
        long[] burnt = new long[1];
        Object done = new Object();
        Thread thread = new Thread(() -> {
            burnt[0] = burn();
            synchronized (done) {
                done.notifyAll();
                try {
                    done.wait(); // alive while measured: its schedstat is read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "proc-stats-test-burner");
        synchronized (done) {
            thread.start();
            done.wait();
        }
        try {
            long measured = ProcStats.cpuMicrosSince(PID, before);
            assertTrue(measured >= burnt[0], "measured " + measured + " µs, the live new thread alone burnt " + burnt[0]);
        } finally {
            thread.interrupt();
            thread.join();
        }
    }

    private static long burnInThreadThatEnds() throws InterruptedException {
        long[] burnt = new long[1];
        Thread thread = new Thread(() -> burnt[0] = burn(), "proc-stats-test-burner");
        thread.start();
        thread.join();
        return burnt[0];
    }

    /** Spins until this thread has used BURN_MICROS of CPU; returns what it used, in µs. */
    private static long burn() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < BURN_MICROS * 1_000) {
            sink += Long.numberOfTrailingZeros(System.nanoTime() ^ sink);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000;
    }
}

package cz.edeposit.amqp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What Linux's /proc says about a process: CPU time of all its threads and its memory. */
final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /**
     * The CPU time of a process at one moment, to subtract from a later one ({@link #cpuMicrosSince}).
     *
     * @param statMicros  utime + stime of /proc/PID/stat: every thread's, ended ones too, in 10 ms ticks
     * @param threadNanos each live thread's run time in nanoseconds (/proc/PID/task/TID/schedstat), by
     *                    thread id; null where the kernel keeps none
     */
    record CpuSample(long statMicros, Map<String, Long> threadNanos) {
    }

    static CpuSample cpuSample(long pid) {
        return new CpuSample(statMicros(pid), threadNanos(pid));
    }

    /**
     * CPU time of the process since {@code before}, in microseconds: each thread's nanosecond run time
     * since then (a thread started since counts whole). A thread that ended meanwhile takes its time out
     * of schedstat, and the JVM ends threads during a run (its compiler threads come and go), which made
     * a sum over the live threads shrink, even below the earlier one. So when a thread of the earlier
     * sample is gone, or the process's own utime + stime (which keeps ended threads' time, in ticks) grew
     * by more than two ticks beyond the threads' sum (a thread that started and ended meanwhile), that
     * is used where it is larger.
     */
    static long cpuMicrosSince(long pid, CpuSample before) {
        CpuSample now = cpuSample(pid);
        long statDelta = now.statMicros() - before.statMicros();
        if (before.threadNanos() == null || now.threadNanos() == null) {
            return statDelta;
        }
        long nanos = 0;
        boolean ended = !now.threadNanos().keySet().containsAll(before.threadNanos().keySet());
        for (Map.Entry<String, Long> thread : now.threadNanos().entrySet()) {
            long earlier = before.threadNanos().getOrDefault(thread.getKey(), 0L);
            if (thread.getValue() < earlier) {
                ended = true; // the id of an ended thread, given to a new one
                earlier = 0;
            }
            nanos += thread.getValue() - earlier;
        }
        long threads = nanos / 1_000;
        boolean missing = ended || statDelta > threads + 2 * 1_000_000 / CLOCK_TICKS;
        return missing ? Math.max(threads, statDelta) : threads;
    }

    /** utime + stime of /proc/PID/stat (all threads, including ended ones), in microseconds. */
    static long statMicros(long pid) {
        String stat = read(pid, "stat");
        // The command name in field 2 may contain spaces and parentheses; fields after the last ')' are plain.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15: utime, stime
        return ticks * 1_000_000 / CLOCK_TICKS;
    }

    private static Map<String, Long> threadNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<String, Long> nanos = new HashMap<>();
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    nanos.put(thread.getFileName().toString(),
                            Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split(" ")[0]));
                } catch (java.nio.file.NoSuchFileException e) {
                    // The thread ended while we looked: cpuMicrosSince counts it as ended.
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return nanos;
    }

    /** A {@code VmRSS:}/{@code VmHWM:}-style line of /proc/PID/status, in KiB; -1 if absent. */
    static long statusKb(long pid, String key) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    static long rssKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    static long peakRssKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    /** The three load averages of /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static boolean available(long pid) {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + " (has the process ended?): " + e, e);
        }
    }

    /** USER_HZ, almost always 100; asked of getconf because the JDK has no API for it. */
    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}

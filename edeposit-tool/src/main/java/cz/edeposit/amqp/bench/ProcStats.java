package cz.edeposit.amqp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What Linux's /proc says about a process: CPU time of all its threads and its memory. */
final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /**
     * CPU time of the whole process (all its threads), in microseconds: the sum of the threads'
     * nanosecond run times in /proc/PID/task/TID/schedstat where the kernel keeps them, else
     * utime + stime of /proc/PID/stat, which counts in clock ticks (10 ms).
     */
    static long cpuMicros(long pid) {
        long nanos = schedstatNanos(pid);
        return nanos >= 0 ? nanos / 1_000 : statMicros(pid);
    }

    /** utime + stime of /proc/PID/stat (all threads, including ended ones), in microseconds. */
    static long statMicros(long pid) {
        String stat = read(pid, "stat");
        // The command name in field 2 may contain spaces and parentheses; fields after the last ')' are plain.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15: utime, stime
        return ticks * 1_000_000 / CLOCK_TICKS;
    }

    private static long schedstatNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long sum = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    sum += Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split(" ")[0]);
                } catch (java.nio.file.NoSuchFileException e) {
                    // The thread ended while we looked; its time is lost, a few microseconds at most.
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
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

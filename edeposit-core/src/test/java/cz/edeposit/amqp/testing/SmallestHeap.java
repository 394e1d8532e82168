package cz.edeposit.amqp.testing;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the smallest {@code -Xmx} with which a fresh JVM runs a probe, by bisection: how the heap
 * benchmarks (docs/performance.md, "Codec memory") measure what a message needs. A probe is a
 * main that exits 0 when it succeeded and {@link #OUT_OF_MEMORY} when it ran out of heap.
 */
public final class SmallestHeap {

    /** The exit status of a JVM ended by -XX:+ExitOnOutOfMemoryError, and of a probe that caught the error. */
    public static final int OUT_OF_MEMORY = 3;

    /**
     * The launchers' collector, initial heap and reaction to a full heap, without their -Xmx
     * (edeposit-dist launchers.list); an OutOfMemoryError in any thread exits with status 3.
     */
    public static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms8m",
            "-XX:+ExitOnOutOfMemoryError");

    /**
     * With a 2 MiB young generation nearly the whole heap is old generation, so the smallest heap
     * is close to the peak of live data: what the code holds at once, whatever the collector.
     */
    public static final List<String> LIVE = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms16m", "-Xmn2m",
            "-XX:+ExitOnOutOfMemoryError");

    private SmallestHeap() {
    }

    /**
     * The smallest heap in MiB, to within {@code resolution} MiB, in which {@code main} with
     * {@code args} succeeds; {@code fails} is a heap known to be too small (the data itself).
     */
    public static int of(List<String> options, Class<?> main, List<String> args, int fails, int resolution)
            throws IOException, InterruptedException {
        fails = Math.max(fails, 16); // LIVE's -Xms16m: a smaller -Xmx does not start
        int passes = 4 * fails + 32;
        while (!runs(options, main, args, passes)) {
            fails = passes;
            passes *= 2;
            if (passes > 64 * 1024) {
                throw new IllegalStateException(main.getName() + " " + args + " fails even with -Xmx" + passes + "m");
            }
        }
        while (passes - fails > resolution) {
            int mid = (fails + passes) / 2;
            if (runs(options, main, args, mid)) {
                passes = mid;
            } else {
                fails = mid;
            }
        }
        return passes;
    }

    private static boolean runs(List<String> options, Class<?> main, List<String> args, int heapMib)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(options);
        command.add("-Xmx" + heapMib + "m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int status = process.waitFor();
        if (status != 0 && status != OUT_OF_MEMORY) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
        return status == 0;
    }

    /** A heading line for the figures: the JVM and both sets of options. */
    public static String describeJvm() {
        return "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + "; launcher options " + String.join(" ", LAUNCHER) + "; live: " + String.join(" ", LIVE);
    }
}

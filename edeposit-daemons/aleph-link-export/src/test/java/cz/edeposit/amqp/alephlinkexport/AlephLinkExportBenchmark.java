package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.rpc.RpcContext;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints figures for docs/aleph_link_export.md (not a test), with 10,000 pending requests: one
 * {@code LinkUpdateRequest} (store and validated {@code requests.xml}, both synced), loading at
 * start, and the heap per pending request. Run it with the launcher's options (lib/launcher.sh and the daemon's line
 * of jvm-options.list; without the last three, as with the optimizing compiler, for the comparison of the figures):
 *
 * <pre>
 * mvn -q -o -pl edeposit-daemons/aleph-link-export -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * cd edeposit-daemons/aleph-link-export && java -XX:+UseSerialGC -Xms8m -Xss512k -Xmx256m -XX:+ExitOnOutOfMemoryError \
 *     -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MinHeapFreeRatio=20 -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     cz.edeposit.amqp.alephlinkexport.AlephLinkExportBenchmark
 * </pre>
 */
public final class AlephLinkExportBenchmark {

    private static final int PENDING = 10_000;
    private static final int REQUESTS = 40;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final RpcContext CONTEXT = new RpcContext() {
        @Override
        public String uuid() {
            return "benchmark-" + System.nanoTime();
        }

        @Override
        public String routingKey() {
            return "request";
        }

        @Override
        public boolean redelivered() {
            return false;
        }

        @Override
        public void progress(Object message) {
        }
    };

    private AlephLinkExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("link-export-benchmark");
        ExchangeDirs dirs = ExchangeDirs.in(home);
        PendingState state = PendingState.empty();
        for (int i = 0; i < PENDING; i++) {
            state.put(RequestCheck.check(request(i)));
        }
        try (StoreFile store = StoreFile.open(dirs.database(), "request_database")) {
            store.write(state);
        }
        state = null;
        System.out.printf(Locale.ROOT, "store: %d bytes for %d pending requests%n", Files.size(dirs.database()), PENDING);

        // Classes and schemas loaded once, so that the heap figure counts the pending requests alone.
        new AlephLinkExportHandler(ExchangeDirs.in(home.resolve("warm-up")).settings(), Clock.systemUTC()).close();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeap(memory);
        double[] starts = new double[5];
        double[] startCpu = new double[starts.length];
        AlephLinkExportHandler handler = null;
        for (int i = 0; i < starts.length; i++) {
            if (handler != null) {
                handler.close();
            }
            long started = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            handler = new AlephLinkExportHandler(dirs.settings(), Clock.systemUTC());
            starts[i] = (System.nanoTime() - started) / 1e6;
            startCpu[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        long heapAfter = usedHeap(memory);
        System.out.printf(Locale.ROOT, "loading at start (store read, requests.xml validated and written): first %.0f ms,"
                + " median of %d %.0f ms (CPU time of the thread: first %.0f ms, median %.0f ms)%n", starts[0], starts.length,
                median(starts), startCpu[0], median(startCpu));
        System.out.printf(Locale.ROOT, "heap: %.0f bytes per pending request (%d MiB for %d)%n",
                (heapAfter - heapBefore) / (double) PENDING, (heapAfter - heapBefore) >> 20, PENDING);

        double[] times = new double[REQUESTS];
        double[] cpuTimes = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            handler.handle(request(PENDING + i), CONTEXT);
            times[i] = (System.nanoTime() - started) / 1e6;
            cpuTimes[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "one LinkUpdateRequest with %d pending: median %.0f ms, slowest %.0f ms"
                + " (CPU time of the thread: median %.0f ms; requests.xml %d bytes)%n", PENDING, median(times),
                times[REQUESTS - 1], median(cpuTimes), Files.size(dirs.requests()));
        System.out.printf(Locale.ROOT, "load average while measuring: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        handler.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static AlephLinkExportMessages.LinkUpdateRequest request(int i) {
        String id = String.format(Locale.ROOT, "%08d", i);
        return new AlephLinkExportMessages.LinkUpdateRequest("a0f177b4-d083-4175-8f5b-" + id + "0000", "0" + id,
                List.of(new AlephLinkExportMessages.LinkDescription("http://edeposit-storage.nkp.cz/UUID/a0f177b4-d083-4175-8f5b-"
                        + id + "0000", "pdf")), null, "urn:nbn:cz:edep-" + id, "session-" + id);
    }

    private static long usedHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // a measurement, not a test's wait: time for the collector to settle
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

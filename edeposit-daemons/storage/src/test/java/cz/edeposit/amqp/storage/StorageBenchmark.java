package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchResult;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Saves, searches and a large download through the handler and the download server, with figures
 * on standard output (scripts/bench-storage; docs/performance.md, "Storage"). Not a test: it
 * asserts nothing. Arguments: h2|postgresql, records, workers, download MiB.
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestDatabase db = TestDatabase.valueOf(args.length > 0 ? args[0].toUpperCase() : "H2");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long downloadMiB = args.length > 3 ? Long.parseLong(args[3]) : 1024;
        Path dir = Files.createTempDirectory("storage-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TestStorage t = TestStorage.open(db, dir, port, null, 64L << 20, 10, 1 << 20, null)) {
            System.out.printf("storage benchmark: %s, %d records of 10 KiB, %d workers, heap max %d MiB%n", db, records,
                    workers, Runtime.getRuntime().maxMemory() >> 20);
            if (records > 0) {
                saves(t, records, workers);
                searches(t, records, workers);
            }
            if (downloadMiB > 0) {
                download(t, downloadMiB);
            }
        } finally {
            LocalFileStore.deleteTree(dir);
        }
    }

    private static void saves(TestStorage t, int records, int workers) throws Exception {
        long before = usedAfterGc();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            done.add(pool.submit(() -> {
                Random random = new Random();
                byte[] content = new byte[10 * 1024];
                for (long i; (i = next.getAndIncrement()) < records; ) {
                    random.nextBytes(content);
                    t.handler.handle(new SaveRequest(new Publication("Titul " + i, "Autor " + (i % 1000), "2014",
                            "isbn-" + i, null, "uuid-" + i, null, null, i % 2 == 0, "f.pdf", false, null,
                            Base64.getMimeEncoder().encodeToString(content), null, null)), null);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("saves: %d in %.1f s = %.0f saves/s; heap used after GC %d MiB before, %d MiB after%n",
                records, seconds, records / seconds, before >> 20, usedAfterGc() >> 20);
    }

    private static void searches(TestStorage t, int records, int workers) throws Exception {
        int count = 20_000;
        for (String kind : List.of("one condition, hit", "two conditions, hit", "one condition, miss")) {
            long[] latencies = new long[count];
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            AtomicLong next = new AtomicLong();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    Random random = new Random();
                    for (long i; (i = next.getAndIncrement()) < count; ) {
                        int n = random.nextInt(records);
                        Publication query = switch (kind) {
                            case "one condition, hit" -> template("uuid-" + n, null, null);
                            case "two conditions, hit" -> template(null, "isbn-" + n, "Titul " + n);
                            default -> template("missing-" + n, null, null);
                        };
                        long t0 = System.nanoTime();
                        SearchResult result = (SearchResult) t.handler.handle(new SearchRequest(query, true), null);
                        latencies[(int) i] = System.nanoTime() - t0;
                        if (result.records().size() != (kind.endsWith("miss") ? 0 : 1)) {
                            throw new IllegalStateException(kind + ": " + result.records().size() + " records");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("light searches, %s: %.0f/s, p50 %.2f ms, p99 %.2f ms%n", kind, count / seconds,
                    latencies[count / 2] / 1e6, latencies[count * 99 / 100] / 1e6);
        }
    }

    private static Publication template(String uuid, String isbn, String title) {
        return new Publication(title, null, null, isbn, null, uuid, null, null, null, null, null, null, null, null, null);
    }

    /** Places a large file directly (no base64 text of a GiB in the heap), then downloads it over HTTP. */
    private static void download(TestStorage t, long mib) throws Exception {
        long bytes = mib << 20;
        InputStream zeros = new InputStream() {
            long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        FileStore.Staged staged = t.storage.files.stage(Area.PUBLIC, zeros, Long.MAX_VALUE);
        t.storage.publications.save(new Publication("Velký", null, null, null, null, "big", null, null, true, "big.pdf",
                false, null, null, null, null), staged);
        try (DownloadServer server = DownloadServer.start(t.storage)) {
            long before = usedAfterGc();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5); // the sampling period of the heap peak
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long started = System.nanoTime();
            // curl in a process of its own, so that the heap measured is the server's alone
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    t.storage.paths.publication("big")).start();
            String status = new String(curl.getInputStream().readAllBytes()).strip();
            curl.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf("download of %d MiB with curl: status %s, %.1f s = %.0f MiB/s; heap used %d MiB before,"
                    + " peak %d MiB (garbage included), %d MiB after GC%n", mib, status, seconds, mib / seconds,
                    before >> 20, peak.get() >> 20, usedAfterGc() >> 20);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100); // a measurement, not a test's wait: time for the collector to settle
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

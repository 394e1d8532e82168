package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.testing.SmallestHeap;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the heap the downloader daemon needs for one download of each size (docs/downloader.md,
 * "Sizing"): the download from a loopback server in this JVM, the reply's base64 and its encoding,
 * in a fresh JVM per try. Run it with {@code scripts/measure-heap downloader [MiB ...]}.
 */
final class DownloaderHeapBenchmark {

    private static final int MIB = 1024 * 1024;

    private DownloaderHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--probe")) {
            probe(args[1], Integer.parseInt(args[2]));
            return;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-12s %16s %6s %16s %6s%n", "download MiB", "-Xmx (launcher)", "ratio", "-Xmx (live)", "ratio");
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            for (int size : sizes.isEmpty() ? List.of(16, 32, 64) : sizes) {
                List<String> probe = List.of("--probe", server.url("/fixed/" + size * MIB), Integer.toString(size));
                int resolution = Math.max(1, size / 10);
                int launcher = SmallestHeap.of(SmallestHeap.LAUNCHER, DownloaderHeapBenchmark.class, probe, size, resolution);
                int live = SmallestHeap.of(SmallestHeap.LIVE, DownloaderHeapBenchmark.class, probe, size, resolution);
                System.out.printf("%-12d %12d MiB %5.1fx %12d MiB %5.1fx%n", size,
                        launcher, launcher / (double) size, live, live / (double) size);
            }
        }
    }

    /** One Download as the daemon handles it, up to the reply's body. */
    private static void probe(String url, int size) throws Exception {
        DownloaderHandler handler = new DownloaderHandler(
                LoopbackSettings.load(Map.of("DOWNLOADER_READ_TIMEOUT", "60", "DOWNLOADER_MAX_SIZE", Long.toString((long) size * MIB))));
        try {
            Object reply = handler.handle(new Download(url), new RecordingContext());
            byte[] body = new NtCodec(TypeRegistry.of()).encode(reply);
            if (body.length < (long) size * MIB / 3 * 4) {
                throw new IllegalStateException("the reply is shorter than the download's base64");
            }
            Reference.reachabilityFence(reply);
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        }
    }
}

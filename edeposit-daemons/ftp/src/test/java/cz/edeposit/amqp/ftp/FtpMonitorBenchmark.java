package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.testing.TestVhost;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The import of N pairs (1 KiB of CSV metadata, 100 KiB e-book, a directory each) through the real broker in a vhost
 * of its own, with publisher confirms: prints the time from the start of the import (the DELE line handled) to the
 * last confirm and the clean-up's end, and the peak of the heap's pools. Run by {@code scripts/bench-ftp-monitor}
 * with {@code -Xmx} at 3 x MAX_MESSAGE_BYTES; as root (the daemon's rights). Figures: docs/ftp.md.
 */
public final class FtpMonitorBenchmark {

    private FtpMonitorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("ftp-monitor-bench");
        try (TestVhost vhost = TestVhost.withSchema("ftp")) {
            Files.writeString(dir.resolve("ftp.json"), "{\"DATA_PATH\": \"" + dir.resolve("data") + "\", \"LOGIN_FILE\": \""
                    + dir.resolve("ftpd.passwd") + "\", \"MONITOR_STATE_FILE\": \"" + dir.resolve("monitor.state")
                    + "\", \"UPLOAD_SETTLE_SECONDS\": 0}");
            FtpMonitorSettings settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json",
                    new ConfigLocator(dir, Map.of(), dir), Map.of()));
            Files.createDirectories(settings.ftp().dataPath());
            FtpHomes homes = new FtpHomes(settings.ftp().dataPath(), settings.ftp().lockFilename(),
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("proftpd"), 2000);
            homes.create("bench");
            Path home = settings.ftp().dataPath().resolve("bench");
            Files.delete(home.resolve(settings.ftp().lockFilename()));
            Random random = new Random(1);
            byte[] book = new byte[100 * 1024];
            String metadata = FtpMonitorImportTest.META + "podnazev;" + "x".repeat(1024 - FtpMonitorImportTest.META.length() - 20) + "\n";
            for (int i = 0; i < pairs; i++) {
                Path pair = Files.createDirectory(home.resolve(String.format("kniha-%04d", i)));
                random.nextBytes(book);
                Files.write(pair.resolve("kniha.pdf"), book);
                Files.writeString(pair.resolve("kniha.csv"), metadata);
            }
            try (FtpMonitorAmqpPublisher publisher = new FtpMonitorAmqpPublisher(vhost.settings(), vhost.host(),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), "ftp-monitor-bench")) {
                publisher.connect();
                FtpMonitorImport imports = new FtpMonitorImport(settings, publisher, new NtCodec(FtpMonitorMessages.TYPES), homes);
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                imports.run("bench", FtpUserSwitches.ALL_ON, new FtpMonitorPosition(1, 1, 1), FtpMonitorState.INITIAL);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long messages = vhost.connect().createChannel().messageCount("plone");
                System.out.printf("%d pairs (1 KiB metadata, 100 KiB e-book): %d messages, %d ms from the start of the"
                        + " import to the end of its clean-up; peak heap %d MiB (max %d MiB)%n", pairs, messages, millis,
                        peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the peaks of the heap's pools: an upper bound of the heap used at once. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}

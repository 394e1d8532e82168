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
 * The heap an import of a big upload needs: TOTAL MiB of e-books of FILE MiB each (random bytes, each with 1 KiB of
 * metadata), sent with MAX_MESSAGE_BYTES of MESSAGE MiB. Through the real broker in a vhost of its own when
 * {@code broker}, else to a publisher that only counts the bodies (RabbitMQ refuses bodies over 128 MiB by default,
 * and a 100 MiB file is a body of 133 MiB). Prints the messages, the time and the peak of the heap's pools. Run by
 * {@code scripts/bench-ftp-monitor --heap}, with the launcher's JVM options; as root. Figures: docs/ftp.md.
 */
public final class FtpMonitorHeapBenchmark {

    private FtpMonitorHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int totalMiB = Integer.parseInt(args[0]);
        int fileMiB = Integer.parseInt(args[1]);
        int messageMiB = Integer.parseInt(args[2]);
        boolean broker = args.length > 3 && args[3].equals("broker");
        Path dir = Files.createTempDirectory("ftp-monitor-heap");
        try (TestVhost vhost = broker ? TestVhost.withSchema("ftp") : null) {
            Files.writeString(dir.resolve("ftp.json"), "{\"DATA_PATH\": \"" + dir.resolve("data") + "\", \"LOGIN_FILE\": \""
                    + dir.resolve("ftpd.passwd") + "\", \"MONITOR_STATE_FILE\": \"" + dir.resolve("monitor.state")
                    + "\", \"UPLOAD_SETTLE_SECONDS\": 0, \"MAX_MESSAGE_BYTES\": " + ((long) messageMiB << 20) + "}");
            FtpMonitorSettings settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json",
                    new ConfigLocator(dir, Map.of(), dir), Map.of()));
            Files.createDirectories(settings.ftp().dataPath());
            FtpHomes homes = new FtpHomes(settings.ftp().dataPath(), settings.ftp().lockFilename(),
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("proftpd"), 2000);
            homes.create("heap");
            Path home = settings.ftp().dataPath().resolve("heap");
            Files.delete(home.resolve(settings.ftp().lockFilename()));
            Random random = new Random(1);
            byte[] book = new byte[fileMiB << 20];
            for (int i = 0; i < totalMiB / fileMiB; i++) {
                Path pair = Files.createDirectory(home.resolve(String.format("kniha-%04d", i)));
                random.nextBytes(book);
                Files.write(pair.resolve("kniha.pdf"), book);
                Files.writeString(pair.resolve("kniha.csv"), FtpMonitorImportTest.META);
            }
            book = null;
            long[] bodies = new long[2];
            FtpMonitorAmqpPublisher amqp = broker ? new FtpMonitorAmqpPublisher(vhost.settings(), vhost.host(),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), "ftp-monitor-heap") : null;
            FtpMonitorPublisher publisher = broker ? amqp : (body, id) -> {
                bodies[0]++;
                bodies[1] = Math.max(bodies[1], body.length);
            };
            if (amqp != null) {
                amqp.connect();
            }
            try {
                FtpMonitorImport imports = new FtpMonitorImport(settings, publisher, new NtCodec(FtpMonitorMessages.TYPES), homes);
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                imports.run("heap", FtpUserSwitches.ALL_ON, new FtpMonitorPosition(1, 1, 1), FtpMonitorState.INITIAL);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long messages = broker ? vhost.connect().createChannel().messageCount("plone") : bodies[0];
                long left;
                try (Stream<Path> files = Files.walk(home)) {
                    left = files.filter(file -> file.toString().endsWith(".pdf")).count();
                }
                System.out.printf("%d MiB in %d MiB e-books, MAX_MESSAGE_BYTES %d MiB, %s: %d messages, %d e-books left,"
                        + " %d ms; peak heap %d MiB (-Xmx %d MiB)%n", totalMiB, fileMiB, messageMiB,
                        broker ? "through the broker" : "bodies counted, not sent", messages, left, millis,
                        peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            } finally {
                if (amqp != null) {
                    amqp.close();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The sum of the peaks of the heap's pools: an upper bound of the heap used at once. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}

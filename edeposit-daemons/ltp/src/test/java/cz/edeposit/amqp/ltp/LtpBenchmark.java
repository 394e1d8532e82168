package cz.edeposit.amqp.ltp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * Prints packages per second for a 1 MiB file, fsync included (docs/ltp.md, "Figures"): one warm
 * thread exporting into temporary directories under {@code java.io.tmpdir}, each package replacing
 * the one before. Run it with {@code scripts/measure-heap ltp --throughput}.
 */
final class LtpBenchmark {

    private LtpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("ltp-benchmark-");
        try {
            ExportFixture fixture = new ExportFixture(Files.createDirectories(root.resolve("tmp")),
                    Files.createDirectories(root.resolve("export")), 2L << 20);
            byte[] data = new byte[1 << 20];
            new Random(1).nextBytes(data);
            String b64 = Base64.getMimeEncoder().encodeToString(data);
            LtpMessages.ExportRequest request = ExportFixture.request(ExportFixture.UUID, data);
            request = new LtpMessages.ExportRequest(request.alephRecord(), request.bookUuid(), request.urnNbn(),
                    request.url(), request.filename(), b64);
            for (int i = 0; i < 20; i++) {
                fixture.handle(request);
            }
            int rounds = 100;
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                fixture.handle(request);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d packages of a 1 MiB file in %.2f s: %.1f packages/s (%.1f ms each), on %s%n",
                    rounds, seconds, rounds / seconds, seconds * 1000 / rounds, Files.getFileStore(root).type());
        } finally {
            PackageFiles.deleteTree(root);
        }
    }
}

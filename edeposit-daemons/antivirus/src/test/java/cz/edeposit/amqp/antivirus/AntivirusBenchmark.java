package cz.edeposit.amqp.antivirus;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints the antivirus figures quoted in docs/antivirus.md: start-up of a clamd with the tiny test
 * database, scan latency of a small file over the unix socket and TCP, and throughput of the whole
 * ScanFile work (base64 check, streaming decode, INSTREAM, verdict) for larger files. A command,
 * not a test: it asserts nothing and the figures depend on the machine. See docs/antivirus.md for
 * how to run it.
 */
public final class AntivirusBenchmark {

    private AntivirusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("edeposit-antivirus-bench");
        try {
            startup(dir);
            try (TestClamd clamd = TestClamd.start(dir.resolve("clamd"), "200M")) {
                latency("unix socket", clamd.unixClient());
                latency("TCP", TestClamd.client(new ClamdAddress.Tcp("127.0.0.1", clamd.port()), null));
                for (int megabytes : new int[] {1, 8, 32}) {
                    throughput(clamd.unixClient(), megabytes);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void startup(Path dir) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (TestClamd clamd = TestClamd.start(Files.createDirectories(dir.resolve("start-" + i)))) {
                millis.add(clamd.startup().toMillis());
            }
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "clamd start-up with the test database (2 signatures), until PING answers on both sockets:"
                + " median %d ms, min %d ms, max %d ms (5 starts)%n", millis.get(2), millis.get(0), millis.get(4));
    }

    private static void latency(String name, ClamdClient client) {
        byte[] data = "a small clean file\n".repeat(50).getBytes();
        for (int i = 0; i < 200; i++) {
            client.scan("warm-up", data.length, new ByteArrayInputStream(data));
        }
        long[] micros = new long[1000];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            client.scan("small", data.length, new ByteArrayInputStream(data));
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "scan of a %d-byte clean file over the %s: median %d us, p99 %d us (1000 scans,"
                + " a new connection each)%n", data.length, name, micros[500], micros[990]);
    }

    private static void throughput(ClamdClient client, int megabytes) throws java.io.IOException {
        byte[] data = new byte[megabytes << 20];
        new Random(megabytes).nextBytes(data);
        String b64 = Base64.getMimeEncoder().encodeToString(data);
        long decode = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Base64Payload.of(b64).open().transferTo(java.io.OutputStream.nullOutputStream());
            decode = Math.min(decode, System.nanoTime() - start);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Base64Payload payload = Base64Payload.of(b64);
            client.scan("big", payload.size(), payload.open());
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "ScanFile work for %d MB of random data (base64 check, streaming decode, INSTREAM,"
                + " verdict): best of 3 %.0f ms = %.0f MB/s; of which base64 check and decode alone %.0f ms%n",
                megabytes, best / 1e6, megabytes / (best / 1e9), decode / 1e6);
    }
}

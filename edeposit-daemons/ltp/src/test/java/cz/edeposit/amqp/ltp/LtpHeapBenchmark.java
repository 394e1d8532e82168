package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.SmallestHeap;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Prints the smallest heap with which the daemon turns one ExportRequest body of each size into a
 * package (docs/ltp.md, "Figures"): the JSON decoded, the file decoded into the package as a stream,
 * in a fresh JVM per try. Run it with {@code scripts/measure-heap ltp [MiB ...]} (default 60).
 */
final class LtpHeapBenchmark {

    private static final int MIB = 1 << 20;

    private LtpHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--probe")) {
            probe(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length == 1 && args[0].equals("--throughput")) {
            LtpBenchmark.main(new String[0]);
            return;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-9s %16s %6s %16s %6s%n", "body MiB", "-Xmx (launcher)", "ratio", "-Xmx (live)", "ratio");
        // A probe that runs out of memory exits at once: its files go with this directory at the end.
        Path probes = Files.createTempDirectory("ltp-heap-");
        try {
            for (int size : sizes.isEmpty() ? List.of(60) : sizes) {
                List<String> probe = List.of("--probe", Integer.toString(size), probes.toString());
                int resolution = Math.max(1, size / 20);
                int launcher = SmallestHeap.of(SmallestHeap.LAUNCHER, LtpHeapBenchmark.class, probe, size, resolution);
                int live = SmallestHeap.of(SmallestHeap.LIVE, LtpHeapBenchmark.class, probe, size, resolution);
                System.out.printf("%-9d %12d MiB %5.1fx %12d MiB %5.1fx%n", size,
                        launcher, launcher / (double) size, live, live / (double) size);
            }
        } finally {
            PackageFiles.deleteTree(probes);
        }
    }

    /**
     * The JSON body of an ExportRequest of {@code mib} MiB, written straight into one array as the
     * broker hands it over (no string of it is ever made).
     */
    private static byte[] body(int mib) {
        String record = ExportFixture.request(ExportFixture.UUID, new byte[0]).alephRecord()
                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        byte[] head = ("{\"__nt_name\": \"ExportRequest\", \"aleph_record\": \"" + record + "\", \"book_uuid\": \""
                + ExportFixture.UUID + "\", \"urn_nbn\": \"urn:nbn:cz:x\", \"url\": \"http://x/\", \"filename\":"
                + " \"a.pdf\", \"b64_data\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        int b64Length = (mib * MIB - head.length - tail.length) / 4 * 4;
        byte[] body = new byte[head.length + b64Length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        Random random = new Random(1);
        byte[] chunk = new byte[48 * 1024];
        Base64.Encoder encoder = Base64.getEncoder();
        for (int at = head.length, end = head.length + b64Length; at < end; ) {
            random.nextBytes(chunk);
            byte[] text = encoder.encode(chunk);
            int n = Math.min(text.length, end - at);
            System.arraycopy(text, 0, body, at, n);
            at += n;
        }
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        return body;
    }

    /** One ExportRequest as the daemon handles it, from its JSON body to the package. */
    private static void probe(int mib, Path probes) throws Exception {
        Path root = Files.createTempDirectory(probes, "probe-");
        try {
            byte[] body = body(mib);
            Object request = new NtCodec(LtpMessages.REQUESTS).decode(body);
            body = null;
            ExportFixture fixture = new ExportFixture(Files.createDirectories(root.resolve("tmp")),
                    Files.createDirectories(root.resolve("export")), 1L << 30);
            Object reply = fixture.handle(request);
            if (!Boolean.TRUE.equals(reply)) {
                throw new IllegalStateException("no package");
            }
            Reference.reachabilityFence(reply);
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        } finally {
            PackageFiles.deleteTree(root);
        }
    }
}

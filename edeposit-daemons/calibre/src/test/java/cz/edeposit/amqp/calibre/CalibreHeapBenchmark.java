package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.SmallestHeap;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prints the heap the calibre daemon needs for one document of each size (docs/calibre.md, "The
 * daemon's own heap"): decoding the request, the handler (base64 to a file, the converter, the
 * output back to base64) and encoding the reply, in a fresh JVM per try, with a stand-in converter
 * that copies the document (so the reply is as big as the request). Run it with
 * {@code scripts/measure-heap calibre [MiB ...]}.
 */
final class CalibreHeapBenchmark {

    private static final int MIB = 1024 * 1024;

    private CalibreHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--probe")) {
            probe(Integer.parseInt(args[1]));
            return;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-12s %12s %16s %6s %16s %6s%n",
                "document MiB", "request MiB", "-Xmx (launcher)", "ratio", "-Xmx (live)", "ratio");
        for (int size : sizes.isEmpty() ? List.of(10, 30, 60) : sizes) {
            double request = requestBody(size * MIB).length / (double) MIB;
            List<String> probe = List.of("--probe", Integer.toString(size));
            int resolution = Math.max(1, size / 10);
            int launcher = SmallestHeap.of(SmallestHeap.LAUNCHER, CalibreHeapBenchmark.class, probe, size, resolution);
            int live = SmallestHeap.of(SmallestHeap.LIVE, CalibreHeapBenchmark.class, probe, size, resolution);
            System.out.printf("%-12d %12.1f %12d MiB %5.1fx %12d MiB %5.1fx%n", size, request,
                    launcher, launcher / (double) size, live, live / (double) size);
        }
    }

    /** One request as the daemon handles it; the worker holds the delivery and the request until it has replied. */
    private static void probe(int size) throws Exception {
        Path temp = Files.createTempDirectory("calibre-heap");
        try {
            Path script = StandIn.script(temp, "convert", "cp \"$1\" \"$2\"\necho \"EPUB output written to $2\"");
            CalibreSettings settings = StandIn.settings(script, Duration.ofMinutes(10), CalibreSettings.MAX_OUTPUT_LIMIT,
                    Files.createDirectories(temp.resolve("work")));
            ConversionHandler handler = new ConversionHandler(settings,
                    new EbookConvert(settings, Map.of("PATH", System.getenv("PATH")), false));
            NtCodec codec = new NtCodec(CalibreMessages.REQUESTS);
            byte[] body = requestBody(size * MIB);
            ConversionRequest request = codec.decode(body, ConversionRequest.class);
            byte[] reply = codec.encode(handler.convert(request, "heap"));
            if (reply.length < body.length) {
                throw new IllegalStateException("the reply is shorter than the request");
            }
            Reference.reachabilityFence(request);
            Reference.reachabilityFence(body);
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                files.sorted(Comparator.reverseOrder()).forEach(CalibreHeapBenchmark::delete);
            }
        }
    }

    /** A ConversionRequest for a document of {@code documentBytes}, its base64 written in place. */
    static byte[] requestBody(int documentBytes) {
        byte[] head = "{\"input_format\": \"txt\", \"output_format\": \"epub\", \"b64_data\": \""
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\", \"__nt_name\": \"ConversionRequest\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + (documentBytes + 2) / 3 * 4 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        int at = head.length;
        byte[] chunk = new byte[3 * 16 * 1024];
        for (int done = 0; done < documentBytes; ) {
            int n = Math.min(chunk.length, documentBytes - done);
            for (int i = 0; i < n; i++) {
                chunk[i] = (byte) ((done + i) * 31 + 7);
            }
            byte[] text = Base64.getEncoder().encode(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            System.arraycopy(text, 0, body, at, text.length);
            at += text.length;
            done += n;
        }
        System.arraycopy(tail, 0, body, at, tail.length);
        return body;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            System.err.println("cannot delete " + path + ": " + e);
        }
    }
}

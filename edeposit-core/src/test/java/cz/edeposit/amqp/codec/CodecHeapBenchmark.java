package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.testing.SmallestHeap;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how much heap the codec needs for one message with a big base64 field (docs/performance.md,
 * "Codec memory"): for each case, the smallest {@code -Xmx} with which a fresh JVM decodes or encodes
 * the message, found by bisection. Run it with {@code scripts/measure-heap codec [MiB ...]}.
 *
 * <p>Two figures per case ({@link SmallestHeap}): with the launchers' JVM options (what an operator
 * must give), and with a tiny young generation, close to the peak of live data (what the code
 * itself holds at once).
 */
final class CodecHeapBenchmark {

    private static final int MIB = 1024 * 1024;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** Python's base64.encodestring wraps at 76 columns; json.dumps writes each line break as \n. */
    private static final int WRAP = 76;

    /** The shape of antivirus' ScanFile and calibre's ConversionRequest: a name and the document. */
    record ScanFile(String filename, @JsonProperty("b64_data") String b64Data) {
    }

    private enum Case {
        DECODE("decode, plain base64"),
        DECODE_WRAPPED("decode, base64 wrapped (\\n every 76)"),
        ENCODE("encode");

        final String label;

        Case(String label) {
            this.label = label;
        }
    }

    private CodecHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--probe")) {
            probe(Case.valueOf(args[1]), Integer.parseInt(args[2]));
            return;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 30, 60);
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-40s %8s %16s %6s %16s %6s%n",
                "case", "body MiB", "-Xmx (launcher)", "ratio", "-Xmx (live)", "ratio");
        for (Case c : Case.values()) {
            for (int size : sizes) {
                int launcher = smallestHeap(c, size, SmallestHeap.LAUNCHER);
                int live = smallestHeap(c, size, SmallestHeap.LIVE);
                System.out.printf("%-40s %8d %13d MiB %5.1fx %13d MiB %5.1fx%n", c.label, size,
                        launcher, (double) launcher / size, live, (double) live / size);
            }
        }
    }

    private static int smallestHeap(Case c, int size, List<String> options) throws IOException, InterruptedException {
        return SmallestHeap.of(options, CodecHeapBenchmark.class, List.of("--probe", c.name(), Integer.toString(size)),
                size, Math.max(1, size / 10));
    }

    /** One decode or encode in this JVM; exits with {@link SmallestHeap#OUT_OF_MEMORY} if the heap is too small. */
    private static void probe(Case c, int size) {
        NtCodec codec = new NtCodec(TypeRegistry.of(MessageType.of(ScanFile.class)));
        try {
            if (c == Case.ENCODE) {
                // String.repeat allocates the text once, as a handler's base64 string would be.
                ScanFile reply = new ScanFile("x.pdf", ALPHABET.repeat(size * MIB / ALPHABET.length() - 1));
                byte[] body = codec.encode(reply);
                check(body.length > reply.b64Data().length());
                Reference.reachabilityFence(reply); // the worker holds the handler's result until it publishes
            } else {
                int[] length = new int[1];
                byte[] body = body(size * MIB, c == Case.DECODE_WRAPPED, length);
                ScanFile request = codec.decode(body, ScanFile.class);
                check(request.b64Data().length() == length[0]);
                Reference.reachabilityFence(body); // the worker holds the delivery while it decodes
            }
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        }
    }

    /** A ScanFile request of exactly {@code total} bytes, built in place; {@code length[0]} is its text length. */
    private static byte[] body(int total, boolean wrapped, int[] length) {
        byte[] head = "{\"filename\": \"x.pdf\", \"b64_data\": \"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\", \"__nt_name\": \"ScanFile\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[total];
        System.arraycopy(head, 0, body, 0, head.length);
        int end = total - tail.length;
        int chars = 0;
        int column = 0;
        for (int i = head.length; i < end; ) {
            if (wrapped && column == WRAP && i + 2 <= end) {
                body[i++] = '\\';
                body[i++] = 'n';
                column = 0;
            } else {
                body[i++] = (byte) ALPHABET.charAt(chars % ALPHABET.length());
                column++;
            }
            chars++;
        }
        System.arraycopy(tail, 0, body, end, tail.length);
        length[0] = chars;
        return body;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("the codec returned something else than it was given");
        }
    }
}

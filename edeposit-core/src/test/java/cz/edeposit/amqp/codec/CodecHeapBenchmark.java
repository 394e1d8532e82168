package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.File;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how much heap the codec needs for one message with a big base64 field (docs/performance.md,
 * "Codec memory"): for each case, the smallest {@code -Xmx} with which a fresh JVM decodes or encodes
 * the message, found by bisection. Run it with {@code scripts/measure-codec-heap [MiB ...]}.
 *
 * <p>Two figures per case: with the launchers' JVM options (what an operator must give), and with
 * a 2 MiB young generation, where nearly the whole heap is old generation, so the smallest heap is
 * close to the peak of live data (what the code itself holds at once).
 */
final class CodecHeapBenchmark {

    private static final int MIB = 1024 * 1024;
    private static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms16m");
    private static final List<String> LIVE = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms16m", "-Xmn2m");
    private static final int OUT_OF_MEMORY = 3;
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
        System.out.printf("JVM %s %s; launcher options %s; live: %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), String.join(" ", LAUNCHER), String.join(" ", LIVE));
        System.out.printf("%-40s %8s %16s %6s %16s %6s%n",
                "case", "body MiB", "-Xmx (launcher)", "ratio", "-Xmx (live)", "ratio");
        for (Case c : Case.values()) {
            for (int size : sizes) {
                int launcher = smallestHeap(c, size, LAUNCHER);
                int live = smallestHeap(c, size, LIVE);
                System.out.printf("%-40s %8d %13d MiB %5.1fx %13d MiB %5.1fx%n", c.label, size,
                        launcher, (double) launcher / size, live, (double) live / size);
            }
        }
    }

    /** Bisection over -Xmx in MiB, to within about a tenth of the body size. */
    private static int smallestHeap(Case c, int size, List<String> options) throws IOException, InterruptedException {
        int resolution = Math.max(1, size / 10);
        int fails = size; // the body alone takes that much
        int passes = 4 * size + 32;
        while (!runs(c, size, options, passes)) {
            fails = passes;
            passes *= 2;
            if (passes > 64 * size + 1024) {
                throw new IllegalStateException(c + " " + size + " MiB fails even with -Xmx" + passes + "m");
            }
        }
        while (passes - fails > resolution) {
            int mid = (fails + passes) / 2;
            if (runs(c, size, options, mid)) {
                passes = mid;
            } else {
                fails = mid;
            }
        }
        return passes;
    }

    private static boolean runs(Case c, int size, List<String> options, int heapMib)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(options);
        command.add("-Xmx" + heapMib + "m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CodecHeapBenchmark.class.getName(),
                "--probe", c.name(), Integer.toString(size)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int status = process.waitFor();
        if (status != 0 && status != OUT_OF_MEMORY) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
        return status == 0;
    }

    /** One decode or encode in this JVM; exits with {@value #OUT_OF_MEMORY} if the heap is too small. */
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
            System.exit(OUT_OF_MEMORY);
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

package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.testing.SmallestHeap;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the heap the daemon needs for one request of each number of records (docs/marcxml2mods.md,
 * "Figures"): the request's JSON decoded, the conversion, and the reply encoded, in a fresh JVM per
 * try. Run it with {@code scripts/measure-heap marcxml2mods [records ...]}.
 */
final class Marcxml2modsHeapBenchmark {

    private Marcxml2modsHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--probe")) {
            probe(Integer.parseInt(args[1]));
            return;
        }
        if (args.length == 1 && args[0].equals("--throughput")) {
            Marcxml2modsBenchmark.main(new String[0]);
            return;
        }
        List<Integer> counts = new ArrayList<>();
        for (String arg : args) {
            counts.add(Integer.parseInt(arg));
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-8s %10s %16s %16s%n", "records", "JSON KiB", "-Xmx (launcher)", "-Xmx (live)");
        for (int count : counts.isEmpty() ? List.of(100, 1000) : counts) {
            List<String> probe = List.of("--probe", Integer.toString(count));
            int launcher = SmallestHeap.of(SmallestHeap.LAUNCHER, Marcxml2modsHeapBenchmark.class, probe, 16, 2);
            int live = SmallestHeap.of(SmallestHeap.LIVE, Marcxml2modsHeapBenchmark.class, probe, 16, 2);
            System.out.printf("%-8d %10d %12d MiB %12d MiB%n", count, request(count).length >> 10, launcher, live);
        }
    }

    private static byte[] request(int count) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(Map.of("__nt_name",
                "ConversionRequest", "marc_xml", BenchmarkRecords.collection(count), "uuid", "u", "url", "http://x/"));
    }

    /** One request as the daemon handles it, from its JSON body to the reply's. */
    private static void probe(int count) throws Exception {
        try {
            byte[] body = request(count);
            Object request = new NtCodec(Marcxml2modsMessages.REQUESTS).decode(body);
            body = null;
            Object reply = new Marcxml2modsHandler(new Marcxml2modsSettings(count)).handle(request, new RecordingContext());
            byte[] encoded = new NtCodec(TypeRegistry.of()).encode(reply);
            if (new String(encoded, StandardCharsets.UTF_8).split("MODS_VOLUME_", -1).length != count + 1) {
                throw new IllegalStateException("the reply lacks documents");
            }
            Reference.reachabilityFence(reply);
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        }
    }
}

package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.testing.SmallestHeap;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the heap the pdfgen daemon needs for one document (docs/pdfgen.md, "Figures"): a review
 * printout and RST2PDF documents of the given page counts, from the handler to the encoded reply,
 * in a fresh JVM per try. Run it with {@code scripts/measure-heap pdfgen [pages ...]}.
 */
final class PdfgenHeapBenchmark {

    private PdfgenHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--probe")) {
            probe(Integer.parseInt(args[1]));
            return;
        }
        List<Integer> sizes = new ArrayList<>(List.of(0));
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (args.length == 0) {
            sizes.addAll(List.of(100, 500));
        }
        System.out.println(SmallestHeap.describeJvm());
        System.out.printf("%-22s %16s %16s%n", "document", "-Xmx (launcher)", "-Xmx (live)");
        for (int pages : sizes) {
            List<String> probe = List.of("--probe", Integer.toString(pages));
            int launcher = SmallestHeap.of(SmallestHeap.LAUNCHER, PdfgenHeapBenchmark.class, probe, 16, 2);
            int live = SmallestHeap.of(SmallestHeap.LIVE, PdfgenHeapBenchmark.class, probe, 16, 2);
            System.out.printf("%-22s %12d MiB %12d MiB%n", pages == 0 ? "review printout" : "RST2PDF " + pages + " pages",
                    launcher, live);
        }
    }

    /** One document as the daemon makes it, up to the reply's body; 0 pages is a review printout. */
    private static void probe(int pages) throws Exception {
        PdfgenHandler handler = Handlers.handler(Files.createTempDirectory("pdfgen-heap"),
                Map.of("EDEPOSIT_PDFGEN_MAX_PAGES", "100000", "EDEPOSIT_PDFGEN_TIMEOUT", "3600",
                        "EDEPOSIT_PDFGEN_MAX_INPUT_CHARS", "100000000"));
        try {
            Object request = pages == 0 ? Reviews.typicalReview()
                    : new RST2PDF(PdfgenBenchmark.document(pages), "", null, null);
            Object reply = handler.handle(request, new RecordingContext());
            byte[] body = new NtCodec(TypeRegistry.of()).encode(reply);
            if (body.length < 1000) {
                throw new IllegalStateException("the reply is too short");
            }
            Reference.reachabilityFence(reply);
        } catch (OutOfMemoryError e) {
            System.exit(SmallestHeap.OUT_OF_MEMORY);
        }
    }
}

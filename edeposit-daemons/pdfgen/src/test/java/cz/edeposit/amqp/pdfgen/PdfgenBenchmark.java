package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateReview;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.PDF;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import cz.edeposit.amqp.testing.RecordingContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Prints how fast one worker makes documents (docs/pdfgen.md, "Figures"), warm, in this JVM: review
 * printouts per second and the time of RST2PDF documents of 100 and 500 pages. Asserts nothing about
 * speed; run it with {@code scripts/bench-pdfgen}.
 */
final class PdfgenBenchmark {

    private PdfgenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("pdfgen-bench");
        // No time limit: on a loaded machine a 500-page document takes longer than PDFGEN_TIMEOUT's 60 s.
        PdfgenHandler handler = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_MAX_INPUT_CHARS", "10000000",
                "EDEPOSIT_PDFGEN_TIMEOUT", "3600"));
        GenerateReview review = Reviews.typicalReview();
        for (int i = 0; i < 200; i++) {
            handler.handle(review, new RecordingContext());
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int count = 0;
        long bytes = 0;
        while (System.nanoTime() - start < 5_000_000_000L) {
            bytes += ((PDF) handler.handle(review, new RecordingContext())).b64Content().length();
            count++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / count;
        System.out.printf("JVM %s %s, %d CPUs, one worker, warm%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("(CPU ms: the worker thread's own CPU time, what the figures would be on an idle machine;"
                + " load average now %.1f)%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        System.out.printf("review printout: %.1f PDFs/s (%d in %.1f s), %.1f CPU ms each (%.0f/s), %d bytes of base64%n",
                count / seconds, count, seconds, cpuMillis, 1000 / cpuMillis, bytes / count);
        if (args.length > 0 && args[0].equals("--reviews-only")) {
            return;
        }
        for (int pages : new int[] {100, 500}) {
            RST2PDF rst = new RST2PDF(document(pages), "", null, null);
            handler.handle(new RST2PDF(document(10), "", null, null), new RecordingContext());
            long[] millis = new long[3];
            long[] cpu = new long[3];
            long[] processCpu = new long[3];
            long[] gc = new long[3];
            int made = 0;
            for (int run = 0; run < millis.length; run++) {
                long t = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                long p = processCpuNanos();
                long g = gcMillis();
                PDF pdf = (PDF) handler.handle(rst, new RecordingContext());
                millis[run] = (System.nanoTime() - t) / 1_000_000;
                cpu[run] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
                processCpu[run] = (processCpuNanos() - p) / 1_000_000;
                gc[run] = gcMillis() - g;
                made = Pdfs.pages(java.util.Base64.getDecoder().decode(pdf.b64Content())).size();
            }
            Arrays.sort(millis);
            Arrays.sort(cpu);
            Arrays.sort(processCpu);
            Arrays.sort(gc);
            System.out.printf("RST2PDF of %d pages (%d characters): median %d ms, %d CPU ms (the process's, collector"
                    + " included: %d; in collections: %d ms), of %d runs%n", made, rst.rstContent().length(), millis[1],
                    cpu[1], processCpu[1], gc[1], millis.length);
        }
    }

    /** CPU time of the whole JVM: the worker's, and the serial collector's, which runs in the VM thread. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            millis += gc.getCollectionTime();
        }
        return millis;
    }

    /** reST of about {@code pages} A4 pages: a title, then sections of paragraphs, lists and fields. */
    static String document(int pages) {
        StringBuilder rst = new StringBuilder("Zkušební dokument\n=================\n\n");
        String paragraph = "Příliš žluťoučký kůň úpěl ďábelské ódy, **tučně** a *kurzívou*, ``literál`` a"
                + " `odkaz <https://www.example.org/>`_. ";
        // One section fills about 0.43 of an A4 page.
        for (int section = 1; section <= pages * 7 / 3; section++) {
            rst.append("Oddíl ").append(section).append("\n--------------\n\n");
            rst.append(paragraph.repeat(6)).append("\n\n").append(paragraph.repeat(4)).append("\n\n");
            rst.append("- první položka\n- druhá položka\n\n:Pole: hodnota\n:Další pole: jiná hodnota\n\n");
            rst.append(paragraph.repeat(5)).append("\n\n");
        }
        return rst.toString();
    }
}

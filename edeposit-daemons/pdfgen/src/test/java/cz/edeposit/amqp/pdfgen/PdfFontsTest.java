package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fonts each worker thread parses from the files when it first needs them. */
class PdfFontsTest {

    private static final RST2PDF DOCUMENT = new RST2PDF("Smlouva\n=======\n\nPříliš žluťoučký kůň úpěl ďábelské ódy."
            + " Office fi.\n\n**Tučně** a *kurzívou*.\n", "", null, null);

    @TempDir
    Path dir;

    @Test
    void anotherWorkerThreadParsesItsOwnFontsAndMakesTheSameDocument() throws Exception {
        PdfgenHandler handler = Handlers.handler(dir, Map.of());
        String here = withoutId(Handlers.pdf(handler, DOCUMENT));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            String there = withoutId(other.submit(() -> Handlers.pdf(handler, DOCUMENT)).get());
            assertEquals(here, there);
        } finally {
            other.shutdown();
        }
        assertTrue(Pdfs.text(Handlers.pdf(handler, DOCUMENT)).contains("Příliš žluťoučký kůň"));
    }

    @Test
    void aFontFileGoneAfterTheStartFailsTheNextWorkersDocumentsNotTheOthers() throws Exception {
        Path font = Files.copy(Path.of(PdfgenSettings.DEJAVU, "DejaVuSans.ttf"), dir.resolve("font.ttf"));
        PdfgenHandler handler = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_FONT", font.toString()));
        Handlers.pdf(handler, DOCUMENT);
        Files.delete(font);
        Handlers.pdf(handler, DOCUMENT);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> other.submit(() -> Handlers.pdf(handler, DOCUMENT)).get());
            assertInstanceOf(IllegalStateException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().startsWith("a font checked at start-up no longer parses"),
                    failed.getCause().getMessage());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void aWorkerThatReadTheFontsKeepsNoBufferAsLargeAsAFontFile() throws Exception {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long font = Files.size(Path.of(PdfgenSettings.DEJAVU, "DejaVuSans-Bold.ttf"));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            long before = direct.getMemoryUsed();
            // A handler whose fonts were read in this thread, then a first document in the worker, which reads them again.
            PdfgenHandler handler = Handlers.handler(dir, Map.of());
            worker.submit(() -> Handlers.pdf(handler, DOCUMENT)).get();
            long kept = direct.getMemoryUsed() - before;
            assertTrue(kept < font / 4, "direct buffers kept after reading the fonts: " + kept + " bytes");
        } finally {
            worker.shutdown();
        }
    }

    /** The PDF as Latin-1 text without its file identifier, which PDFBox makes from the time of saving. */
    static String withoutId(byte[] pdf) {
        return new String(pdf, StandardCharsets.ISO_8859_1).replaceFirst("/ID \\[<[0-9A-F]+> <[0-9A-F]+>\\]", "/ID []");
    }
}

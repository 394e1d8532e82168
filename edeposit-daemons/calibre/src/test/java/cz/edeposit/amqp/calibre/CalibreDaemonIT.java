package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static cz.edeposit.amqp.calibre.Samples.SENTENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real conversions by the real calibre, through the real broker, with the daemon as its own JVM. */
class CalibreDaemonIT {

    @TempDir
    static Path dir;

    private static RunningCalibre calibre;

    @BeforeAll
    static void startDaemon() throws Exception {
        calibre = new RunningCalibre(dir, Map.of());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (calibre != null) {
            calibre.stop();
        }
    }

    @AfterEach
    void everyWorkDirectoryIsGone() {
        assertEquals(List.of(), calibre.leftovers());
    }

    @Test
    void convertsCzechTextToEpubAndThatEpubToPdfKeepingTheDiacritics() throws Exception {
        byte[] epub = calibre.convert("txt", "epub", Samples.text());

        Map<String, String> entries = Samples.zipEntries(epub);
        Map.Entry<String, String> first = entries.entrySet().iterator().next();
        assertEquals(Map.entry("mimetype", "application/epub+zip"), first, "an EPUB starts with its mimetype entry");
        assertTrue(entries.entrySet().stream().anyMatch(entry -> entry.getKey().matches(".*\\.x?html")
                && entry.getValue().contains(SENTENCE)), () -> "no page holds the sentence: " + entries.keySet());

        String pdfText = Samples.pdfText(calibre.convert("epub", "pdf", epub));
        assertTrue(pdfText.contains(SENTENCE), pdfText);
    }

    @Test
    void convertsHtmlToPdf() throws Exception {
        byte[] pdf = calibre.convert("html", "pdf", Samples.html());
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        String text = Samples.pdfText(pdf);
        assertTrue(text.contains(SENTENCE), text);
    }

    @Test
    void answersACorruptEpubWithUserWarningCarryingCalibresError() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Reply reply = calibre.reply(calibre.send("epub", "pdf", noise));
        assertEquals("UserWarning", reply.header("exception_name"));
        assertEquals("<type 'exceptions.UserWarning'>", reply.header("exception_type"));
        assertTrue(reply.text().startsWith("Conversion failed: ebook-convert exited with status 1. Its last output:\n"),
                reply.text());
        assertTrue(reply.text().contains("Error") || reply.text().contains("error"), reply.text());
    }

    @Test
    void refusesUnsupportedFormatsWithAssertionErrorNamingTheAllowedOnes() throws Exception {
        Reply input = calibre.reply(calibre.send("exe", "pdf", Samples.text()));
        assertEquals("AssertionError", input.header("exception_name"));
        assertEquals("<type 'exceptions.AssertionError'>", input.header("exception_type"));
        assertTrue(input.text().startsWith("Unsupported input format 'exe'; the allowed input formats are: cbz, cbr,"),
                input.text());
        Reply output = calibre.reply(calibre.send("txt", "docx", Samples.text()));
        assertEquals("AssertionError", output.header("exception_name"));
        assertTrue(output.text().contains("the allowed output formats are: azw3, epub, fb2, oeb,"), output.text());
    }
}

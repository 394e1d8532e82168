package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import cz.edeposit.amqp.wire.ValueError;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RST2PDF read back from the PDF: text with diacritics, header and footer on every page, style, errors. */
class Rst2PdfTest {

    static final String DOCUMENT = "Příliš žluťoučký kůň\n====================\n\nÚpěl **ďábelské** ódy.\n\n"
            + "- ř, ů, ť\n- `odkaz <https://example.org/>`_\n\n:Pole: hodnota\n";

    @TempDir
    static Path dir;

    private static PdfgenHandler handler;

    @BeforeAll
    static void handler() {
        handler = Handlers.handler(dir, Map.of());
    }

    private static byte[] pdf(String rst, String style, String header, String footer) throws Exception {
        return Handlers.pdf(handler, new RST2PDF(rst, style, header, footer));
    }

    @Test
    void rendersTheSubsetWithItsDiacriticsAndTheDefaultFooter() throws Exception {
        String text = Pdfs.text(pdf(DOCUMENT, "", null, null));
        assertEquals("Příliš žluťoučký kůň\nÚpěl ďábelské ódy.\n• ř, ů, ť\n• odkaz\nPole: hodnota\n1/1\n", text);
    }

    @Test
    void putsTheHeaderAndFooterFieldsOnEveryPageWithPageAndTotal() throws Exception {
        String rst = "Odstavec, který se opakuje. ".repeat(40) + "\n\n";
        List<String> pages = Pdfs.pages(pdf(rst.repeat(30), "", "Hlavička ###Total###", "Strana ###Page### z ###Total###"));
        assertTrue(pages.size() >= 3, "pages: " + pages.size());
        for (int i = 0; i < pages.size(); i++) {
            assertTrue(pages.get(i).contains("Hlavička " + pages.size()), pages.get(i));
            assertTrue(pages.get(i).strip().endsWith("Strana " + (i + 1) + " z " + pages.size()), pages.get(i));
        }
    }

    @Test
    void honoursThePageSizeMarginsAndFontSizesOfAnRst2pdfStylesheet() throws Exception {
        String style = "{\"pageSetup\": {\"size\": \"A5\", \"margin-left\": \"3cm\", \"margin-top\": \"30mm\"},"
                + " \"styles\": [[\"base\", {\"fontSize\": 14}], [\"heading1\", {\"fontSize\": 24}],"
                + " [\"table\", {\"spaceBefore\": 3}]], \"fontsAlias\": {}}";
        try (PDDocument document = Loader.loadPDF(pdf(DOCUMENT, style, null, null))) {
            assertEquals(148 * PageSetup.MM, document.getPage(0).getMediaBox().getWidth(), 0.01);
            assertEquals(210 * PageSetup.MM, document.getPage(0).getMediaBox().getHeight(), 0.01);
        }
    }

    @Test
    void refusesBadJsonInTheStyleThenStillAnswers() throws Exception {
        ValueError error = assertThrows(ValueError.class, () -> pdf(DOCUMENT, "{\"pageSetup\": ", null, null));
        assertTrue(error.getMessage().startsWith("style is not valid JSON: "), error.getMessage());
        assertEquals("style: margin-left must be a length such as 2cm, 20mm or 10pt, not \"wide\"",
                assertThrows(ValueError.class, () -> pdf(DOCUMENT, "{\"pageSetup\": {\"margin-left\": \"wide\"}}",
                        null, null)).getMessage());
        assertTrue(Pdfs.text(pdf(DOCUMENT, "", null, null)).contains("ďábelské"));
    }

    @Test
    void refusesAnIncludeNamingTheLineThenStillAnswers() throws Exception {
        ValueError error = assertThrows(ValueError.class, () -> pdf("Text\n\n.. include:: /etc/passwd\n", "", null, null));
        assertTrue(error.getMessage().startsWith("line 3: the directive \"include\" is not allowed"), error.getMessage());
        assertTrue(Pdfs.text(pdf(DOCUMENT, "", null, null)).contains("ďábelské"));
    }

    @Test
    void refusesADocumentOverThePageLimitOrTheTimeLimitNamingTheSetting() throws Exception {
        PdfgenHandler limited = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_MAX_PAGES", "2"));
        String rst = ("Odstavec. ".repeat(100) + "\n\n").repeat(60);
        assertEquals("The document would have more than 2 pages (PDFGEN_MAX_PAGES)", assertThrows(ValueError.class,
                () -> Handlers.pdf(limited, new RST2PDF(rst, "", null, null))).getMessage());
        PdfgenHandler hurried = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_TIMEOUT", "0.001"));
        assertEquals("Making the document took longer than 0.001 s (PDFGEN_TIMEOUT)", assertThrows(ValueError.class,
                () -> Handlers.pdf(hurried, new RST2PDF(rst.repeat(5), "", null, null))).getMessage());
        assertTrue(Pdfs.text(Handlers.pdf(limited, new RST2PDF(DOCUMENT, "", null, null))).contains("ďábelské"));
    }
}

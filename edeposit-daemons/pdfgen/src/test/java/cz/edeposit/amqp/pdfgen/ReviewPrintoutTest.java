package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review printout read back from the PDF: labels, values, pages, fonts and the QR code. */
class ReviewPrintoutTest {

    @TempDir
    static Path dir;

    private static PdfgenHandler handler;
    private static byte[] typical;

    @BeforeAll
    static void printTheTypicalReview() throws Exception {
        handler = Handlers.handler(dir, Map.of());
        typical = Handlers.pdf(handler, Reviews.typicalReview());
    }

    /** Each "label: value" line of the text, from the first label on. */
    private static List<String> lines(byte[] pdf) throws Exception {
        return List.of(Pdfs.text(pdf).split("\\R"));
    }

    @Test
    void printsTheTitleTheLocalDateAndTimeAndEveryLabelInTheOriginalsOrderWithItsDiacritics() throws Exception {
        String text = Pdfs.text(typical);
        assertTrue(text.startsWith("Výpis odeslaného formuláře\nDatum: 06.12.2026, čas: 20:05\n"), text);
        int at = 0;
        for (String label : ReviewPrintout.labels().values()) {
            int found = text.indexOf(label + ":", at);
            assertTrue(found >= 0, () -> label + " missing or out of order in\n" + text);
            at = found + label.length();
        }
    }

    @Test
    void mapsBooleansBlanksNullsListsAndNumbersAsThePortalExpects() throws Exception {
        List<String> lines = lines(typical);
        assertTrue(lines.contains("Název ePublikace: Příliš žluťoučký kůň"), lines::toString);
        assertTrue(lines.contains("Část (svazek,díl): Nezvoleno"), lines::toString);
        assertTrue(lines.contains("Název části, dílu: Nezvoleno"), lines::toString);
        assertTrue(lines.contains("Přidělit ISBN: Ne"), lines::toString);
        assertTrue(lines.contains("Autor 2: Nezvoleno"), lines::toString);
        assertTrue(lines.contains("Rok vydání: 2015"), lines::toString);
        assertTrue(lines.contains("Cena v Kč: 199"), lines::toString);
        assertTrue(lines.contains("Oprávnění knihovnám: Nezvoleno"), lines::toString);
        assertTrue(lines.contains("Seznam knihoven: Národní knihovna ČR, Moravská zemská knihovna"), lines::toString);
        assertTrue(lines.contains("Vystavení na volném internetu: Ano"), lines::toString);
        assertTrue(lines.contains("Seznam oborů pro RIV: Humanitní vědy, Ekonomie"), lines::toString);
        assertTrue(lines.contains("Zpracovatel záznamu: Zpracovatel Ťuk"), lines::toString);
    }

    @Test
    void printsTextLiterallyWithoutInterpretingMarkup() throws Exception {
        String text = Pdfs.text(typical).replaceAll("\\R", " ");
        assertTrue(text.contains("Anotace knihy: Kniha o <b>koních</b> & **jiných** zvířatech; `ne-markup`. Oprávnění"),
                text);
    }

    @Test
    void wrapsALongUrlOverLinesWithEveryPieceALinkToTheWholeUrl() throws Exception {
        String url = "https://www.example.org/" + "dlouha-cesta/".repeat(12) + "konec?x=1";
        byte[] pdf = Handlers.pdf(handler, Reviews.with("url", url));
        String text = Pdfs.text(pdf);
        String joined = text.replaceAll("\\R", "");
        assertTrue(joined.contains("URL: " + url), text);
        assertFalse(text.contains(url), "a URL of " + url.length() + " characters does not fit one line");
        List<String> links = Pdfs.links(pdf);
        assertTrue(links.size() >= 2, links::toString);
        assertEquals(List.of(url), links.stream().distinct().filter(url::equals).toList());
    }

    @Test
    void putsPageOfTotalOnEveryPageWhenTheAnnotationIsLong() throws Exception {
        String annotation = "Dlouhá anotace, která se nevejde na jednu stránku. ".repeat(400);
        List<String> pages = Pdfs.pages(Handlers.pdf(handler, Reviews.with("anotace", annotation)));
        assertTrue(pages.size() >= 3, "pages: " + pages.size());
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i).strip();
            assertTrue(page.endsWith((i + 1) + "/" + pages.size()), page);
        }
    }

    @Test
    void theQrCodeOnTheRenderedPageDecodesToTheInternalUrl() throws Exception {
        assertEquals(List.of(Reviews.INTERNAL_URL), Pdfs.qrCodes(typical));
    }

    @Test
    void printsNoQrCodeWhenTheInternalUrlIsBlank() throws Exception {
        assertEquals(List.of(), Pdfs.qrCodes(Handlers.pdf(handler, Reviews.with("internal_url", " "))));
    }

    @Test
    void embedsBothDejaVuFacesAsSubsetsWithToUnicodeAndNoStandardFont() throws Exception {
        assertEquals(new TreeSet<>(List.of("DejaVuSans Type0 embedded-subset ToUnicode",
                "DejaVuSans-Bold Type0 embedded-subset ToUnicode")), Pdfs.fonts(typical));
        assertTrue(typical.length < 60_000, "subsets keep the PDF small: " + typical.length);
    }

    @Test
    void namesTheDocumentInItsInfo() throws Exception {
        assertEquals("Výpis odeslaného formuláře | edeposit-amqp pdfgen (Apache PDFBox) | true", Pdfs.info(typical));
    }

    @Test
    void printsACharacterTheFontLacksAsTheReplacementCharacter() throws Exception {
        String text = Pdfs.text(Handlers.pdf(handler, Reviews.with("podnazev", "kůň \uD83D\uDC0E a \u0007zvon")));
        assertTrue(text.contains("Podnázev: kůň \uFFFD a zvon"), text);
    }

    @Test
    void refusesAnObjectValueNamingTheField() {
        ValueError error = assertThrows(ValueError.class,
                () -> Handlers.pdf(handler, Reviews.with("cena", Map.of("castka", 199))));
        assertEquals("cena must be text, a number, a boolean, null or a list, not an object", error.getMessage());
    }

    @Test
    void refusesARequestOverTheInputLimitNamingItAndThenStillAnswers() throws Exception {
        PdfgenHandler small = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_MAX_INPUT_CHARS", "1000"));
        List<Object> values = new ArrayList<>(Reviews.typical());
        values.set(16, "x".repeat(1000));
        ValueError error = assertThrows(ValueError.class, () -> Handlers.pdf(small, Reviews.review(values)));
        assertTrue(error.getMessage().endsWith("more than 1000 (PDFGEN_MAX_INPUT_CHARS)"), error.getMessage());
        assertTrue(Pdfs.text(Handlers.pdf(small, Reviews.typicalReview())).contains("Ano"));
    }

    @Test
    void refusesADocumentOverThePageLimitNamingIt() throws Exception {
        PdfgenHandler onePage = Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_MAX_PAGES", "1"));
        ValueError error = assertThrows(ValueError.class,
                () -> Handlers.pdf(onePage, Reviews.with("anotace", "Slovo ".repeat(3000))));
        assertEquals("The document would have more than 1 pages (PDFGEN_MAX_PAGES)", error.getMessage());
    }
}

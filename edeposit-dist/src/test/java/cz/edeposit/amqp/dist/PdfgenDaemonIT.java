package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-pdfgend} end to end: started by its launcher from the unpacked distribution, with
 * the Debian fonts and the shipped example contract, answering through the real broker in a vhost of its own.
 */
class PdfgenDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REVIEW_FIELDS = List.of("nazev", "podnazev", "cast", "nazev_casti", "isbn",
            "isbn_souboru_publikaci", "generated_isbn", "author1", "author2", "author3", "poradi_vydani", "misto_vydani",
            "rok_vydani", "nakladatel_vydavatel", "vydano_v_koedici_s", "cena", "anotace", "libraries_accessing",
            "libraries_that_can_access", "is_public", "url", "offer_to_riv", "category_for_riv", "zpracovatel_zaznamu",
            "format", "filename", "internal_url");

    private static LaunchedDaemon daemon;
    private static int sent;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepare("edeposit-pdfgend");
        Files.writeString(daemon.config().resolve("pdfgen.json"), "{\"PDFGEN_MAX_PAGES\": 3}");
        daemon.in(TestVhost.withSchema("pdfgen")).start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static Reply ask(String body) throws Exception {
        String uuid = "it-" + ++sent;
        Requests.publish(daemon.client(), "pdfgen", "request", uuid, body);
        Reply reply = daemon.replies().take(WAIT);
        assertEquals(uuid, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + daemon.log());
        return reply;
    }

    /** The text of the PDF a request is answered with. */
    private static String pdfText(String body) throws Exception {
        Reply reply = ask(body);
        assertEquals("result", reply.header("x-edeposit-reply"), reply::text);
        JsonNode pdf = JSON.readTree(reply.body());
        assertEquals("PDF", pdf.get("__nt_name").asText());
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf.get("b64_content").asText()))) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static Reply failure(String body) throws Exception {
        Reply reply = ask(body);
        assertEquals("exception", reply.header("x-edeposit-reply"), reply::text);
        return reply;
    }

    private static String review(Object cena) {
        ObjectNode review = JSON.createObjectNode().put("__nt_name", "GenerateReview");
        REVIEW_FIELDS.forEach(field -> review.putNull(field));
        review.put("nazev", "Příliš žluťoučký kůň").put("rok_vydani", 2015).put("is_public", true)
                .put("internal_url", "https://edeposit.example.org/e/1");
        review.set("cena", JSON.valueToTree(cena));
        return review.toString();
    }

    @Test
    void answersAReviewWithThePrintout() throws Exception {
        String text = pdfText(review("199"));
        assertTrue(text.startsWith("Výpis odeslaného formuláře\n"), text);
        assertTrue(text.contains("Název ePublikace: Příliš žluťoučký kůň\n"), text);
        assertTrue(text.contains("Rok vydání: 2015\n") && text.contains("Vystavení na volném internetu: Ano\n"), text);
        assertTrue(text.contains("Podnázev: Nezvoleno\n") && text.strip().endsWith("1/1"), text);
    }

    @Test
    void answersAContractFromTheShippedExampleAndRst2Pdf() throws Exception {
        String contract = pdfText("{\"__nt_name\": \"GenerateContract\", \"firma\": \"Kůň s.r.o.\", \"pravni_forma\":"
                + " \"s.r.o.\", \"sidlo\": \"Brno\", \"ic\": \"12345678\", \"dic\": \"CZ12345678\", \"zastoupen\": \"Řehoř\"}");
        assertTrue(contract.contains("Vydavatel: Kůň s.r.o., s.r.o.\n") && contract.contains("VZOR"), contract);
        String rst = pdfText("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"Nadpis\\n======\\n\\nÚpěl **ďábel**.\\n\","
                + " \"style\": \"\", \"footer\": \"s. ###Page###\"}");
        assertEquals("Nadpis\nÚpěl ďábel.\ns. 1\n", rst);
    }

    @Test
    void answersBadInputWithValueErrorAndKeepsServing() throws Exception {
        Reply object = failure(review(Map.of("castka", 199)));
        assertEquals("ValueError", object.header("exception_name"));
        assertEquals("cena must be text, a number, a boolean, null or a list, not an object", object.header("exception"));
        Reply include = failure("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \".. include:: /etc/passwd\\n\", \"style\": \"\"}");
        assertEquals("ValueError", include.header("exception_name"));
        assertFalse(include.text().contains("root:"), "nothing of the file leaks");
        Reply pages = failure("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"" + "Odstavec. ".repeat(4000)
                + "\", \"style\": \"\"}");
        assertEquals("The document would have more than 3 pages (PDFGEN_MAX_PAGES)", pages.header("exception"));
        Reply missing = failure("{\"__nt_name\": \"GenerateContract\", \"firma\": \"F\"}");
        assertEquals("TypeError", missing.header("exception_name"));
        assertTrue(pdfText(review(199)).contains("Cena v Kč: 199\n"));
    }

    @Test
    void aMissingFontStopsTheStartWithExit78NamingTheDebianPackage() throws Exception {
        Map<String, String> env = daemon.env();
        env.put("EDEPOSIT_PDFGEN_FONT", "/nonexistent/DejaVuSans.ttf");
        Dist.Result result = Dist.run(daemon.work(), env, List.of(Dist.bin("edeposit-pdfgend").toString(), "start",
                "--foreground", "--config-dir", "config", "--pid-dir", daemon.work().resolve("run-2").toString()));
        assertEquals(78, result.exitCode(), result.toString());
        assertEquals("edeposit-pdfgend: error: EDEPOSIT_PDFGEN_FONT: names /nonexistent/DejaVuSans.ttf, which is not a"
                + " readable file; install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or name a"
                + " TrueType font with Czech glyphs\n", result.err());
    }
}

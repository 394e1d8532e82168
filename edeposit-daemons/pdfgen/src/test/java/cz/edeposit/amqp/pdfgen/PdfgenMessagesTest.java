package cz.edeposit.amqp.pdfgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateContract;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateReview;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.PDF;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pdfgen structures have the field names of the Python peers, and only requests decode. */
class PdfgenMessagesTest {

    private final NtCodec codec = new NtCodec(PdfgenMessages.REQUESTS);

    private Object decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAContractWithThePythonFieldNames() {
        assertEquals(new GenerateContract("Firma s.r.o.", "s.r.o.", "Brno", "12345678", "CZ12345678", "Jan Novák"),
                decode("{\"__nt_name\": \"GenerateContract\", \"firma\": \"Firma s.r.o.\", \"pravni_forma\": \"s.r.o.\","
                        + " \"sidlo\": \"Brno\", \"ic\": \"12345678\", \"dic\": \"CZ12345678\", \"zastoupen\": \"Jan Novák\"}"));
    }

    @Test
    void decodesAReviewWhoseValuesAreWhateverThePortalHas() throws Exception {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("__nt_name", "GenerateReview");
        List<String> names = List.copyOf(ReviewPrintout.labels().keySet());
        for (String name : names) {
            fields.put(name, null);
        }
        fields.put("rok_vydani", 2015);
        fields.put("is_public", true);
        fields.put("libraries_that_can_access", List.of(Map.of("id", 3, "title", "NK ČR")));
        fields.put("nazev", "Kůň");
        GenerateReview review = (GenerateReview) decode(new ObjectMapper().writeValueAsString(fields));
        assertEquals(2015, review.rokVydani());
        assertEquals(true, review.isPublic());
        assertEquals(List.of(Map.of("id", 3, "title", "NK ČR")), review.librariesThatCanAccess());
        assertEquals("Kůň", review.nazev());
        assertEquals(27, names.size());
        fields.remove("filename");
        assertThrows(TypeError.class, () -> decode(new ObjectMapper().writeValueAsString(fields)));
    }

    @Test
    void decodesRst2PdfWithHeaderAndFooterDefaultingToNull() {
        assertEquals(new RST2PDF("Nadpis\n======\n", "", null, null),
                decode("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"Nadpis\\n======\\n\", \"style\": \"\"}"));
        assertEquals(new RST2PDF("x", "{}", "hlava", "pata"), decode("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"x\","
                + " \"style\": \"{}\", \"header\": \"hlava\", \"footer\": \"pata\"}"));
    }

    @Test
    void refusesRepliesAndForeignNamesAsRequests() {
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"PDF\", \"b64_content\": \"\"}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"Download\", \"url\": \"http://a/\"}"));
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"x\", \"style\": \"\","
                + " \"extra\": 1}"));
    }

    @Test
    void encodesThePdfReplyWithThePythonFieldName() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"__nt_name\": \"PDF\", \"b64_content\": \"JVBERi0=\"}"),
                json.readTree(codec.encodeToString(new PDF("JVBERi0="))));
    }
}

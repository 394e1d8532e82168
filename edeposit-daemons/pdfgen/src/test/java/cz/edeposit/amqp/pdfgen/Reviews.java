package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateReview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Review requests as the portal sends them, with values of every kind it uses. */
final class Reviews {

    static final String INTERNAL_URL = "https://edeposit.example.org/producents/nakladatelstvi-prikladne/epublications/zluty-kun-3f2a";

    private Reviews() {
    }

    /** The values of a typical submission, by field position. */
    static List<Object> typical() {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(
                "Příliš žluťoučký kůň", "úpěl ďábelské ódy", "", null, "978-80-7304-112-5",
                null, false, "Jan Novák", " ", null, "1. vydání", "Brno", 2015, "Nakladatelství Příkladné",
                null, 199, "Kniha o <b>koních</b> & **jiných** zvířatech; `ne-markup`.",
                List.of(), List.of(Map.of("id", 1, "title", "Národní knihovna ČR"), Map.of("id", 7, "title", "Moravská zemská knihovna")),
                true, "https://www.example.org/", false, List.of("Humanitní vědy", "Ekonomie"),
                "Zpracovatel Ťuk", "PDF", "zluty-kun.pdf", INTERNAL_URL));
        return values;
    }

    static GenerateReview review(List<Object> v) {
        return new GenerateReview(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15), v.get(16),
                v.get(17), v.get(18), v.get(19), v.get(20), v.get(21), v.get(22), v.get(23), v.get(24), v.get(25),
                v.get(26));
    }

    static GenerateReview typicalReview() {
        return review(typical());
    }

    /** The typical review with one field (by wire name) set to {@code value}. */
    static GenerateReview with(String field, Object value) {
        List<Object> values = typical();
        values.set(List.copyOf(ReviewPrintout.labels().keySet()).indexOf(field), value);
        return review(values);
    }
}

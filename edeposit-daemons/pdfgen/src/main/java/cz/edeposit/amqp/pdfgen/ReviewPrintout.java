package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateReview;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Výpis odeslaného formuláře": the printout of a submitted form, its fields with the labels and in the
 * order of the original (the contract with the portal), then the QR code of {@code internal_url}.
 */
final class ReviewPrintout {

    static final String TITLE = "Výpis odeslaného formuláře";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private ReviewPrintout() {
    }

    /** The wire name of each field with its label, in print order. */
    static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("nazev", "Název ePublikace");
        labels.put("podnazev", "Podnázev");
        labels.put("cast", "Část (svazek,díl)");
        labels.put("nazev_casti", "Název části, dílu");
        labels.put("isbn", "ISBN");
        labels.put("isbn_souboru_publikaci", "ISBN souboru");
        labels.put("generated_isbn", "Přidělit ISBN");
        labels.put("author1", "Autor");
        labels.put("author2", "Autor 2");
        labels.put("author3", "Autor 3");
        labels.put("poradi_vydani", "Pořadí vydání, verze");
        labels.put("misto_vydani", "Místo vydání");
        labels.put("rok_vydani", "Rok vydání");
        labels.put("nakladatel_vydavatel", "Nakladatel");
        labels.put("vydano_v_koedici_s", "Vydáno v koedici s");
        labels.put("cena", "Cena v Kč");
        labels.put("anotace", "Anotace knihy");
        labels.put("libraries_accessing", "Oprávnění knihovnám");
        labels.put("libraries_that_can_access", "Seznam knihoven");
        labels.put("is_public", "Vystavení na volném internetu");
        labels.put("url", "URL");
        labels.put("offer_to_riv", "Zpřístupnit pro RIV");
        labels.put("category_for_riv", "Seznam oborů pro RIV");
        labels.put("zpracovatel_zaznamu", "Zpracovatel záznamu");
        labels.put("format", "Formát souboru");
        labels.put("filename", "Název souboru");
        labels.put("internal_url", "Edeposit URL");
        return labels;
    }

    /** The request's values by wire name, in the order of {@link #labels()}. */
    static List<Object> values(GenerateReview r) {
        return java.util.Arrays.asList(r.nazev(), r.podnazev(), r.cast(), r.nazevCasti(), r.isbn(),
                r.isbnSouboruPublikaci(), r.generatedIsbn(), r.author1(), r.author2(), r.author3(), r.poradiVydani(),
                r.mistoVydani(), r.rokVydani(), r.nakladatelVydavatel(), r.vydanoVKoediciS(), r.cena(), r.anotace(),
                r.librariesAccessing(), r.librariesThatCanAccess(), r.isPublic(), r.url(), r.offerToRiv(),
                r.categoryForRiv(), r.zpracovatelZaznamu(), r.format(), r.filename(), r.internalUrl());
    }

    /** The printout as a PDF; {@code now} is printed in its own zone. */
    static byte[] render(GenerateReview review, PdfFonts fonts, byte[] logo, Limits limits, ZonedDateTime now)
            throws IOException {
        Map<String, String> labels = labels();
        List<Object> values = values(review);
        List<String> names = List.copyOf(labels.keySet());
        List<List<Run>> printed = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            printed.add(ReviewValues.runs(names.get(i), values.get(i)));
        }
        PageSetup setup = PageSetup.a4();
        try (PdfComposer composer = new PdfComposer(fonts, setup, limits)) {
            Rows rows = new Rows(composer.breaker(), setup.textWidth());
            float size = setup.fontSize();
            float labelWidth = 0;
            for (String label : labels.values()) {
                labelWidth = Math.max(labelWidth, composer.breaker().width(label + ":", TextStyle.BOLD, size));
            }
            for (Row row : rows.title(TITLE, 16, 0)) {
                composer.add(row);
            }
            for (Row row : rows.paragraph(List.of(Run.plain("Datum: " + DATE.format(now) + ", čas: " + TIME.format(now))),
                    size, 0, null, 4)) {
                composer.add(row);
            }
            for (int i = 0; i < names.size(); i++) {
                for (Row row : rows.field(List.of(Run.bold(labels.get(names.get(i)) + ":")), printed.get(i), size,
                        labelWidth, i == 0 ? 14 : 5)) {
                    composer.add(row);
                }
            }
            Object internal = review.internalUrl();
            if (internal instanceof String url && !url.isBlank()) {
                composer.add(QrCodes.row(url.strip(), 18));
            }
            return composer.finish(new PageDecor(null, PageDecor.PAGE_OF_TOTAL, logo), TITLE, now);
        }
    }

    /** How many characters of text the request brings, all fields together. */
    static long chars(GenerateReview review) {
        return values(review).stream().mapToLong(ReviewValues::chars).sum();
    }
}

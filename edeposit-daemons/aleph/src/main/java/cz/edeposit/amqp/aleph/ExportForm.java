package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;
import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.marc.Isbn;

import cz.edeposit.amqp.marc.Hairs;
import cz.edeposit.amqp.wire.PreconditionError;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The export form's fields for one {@link EPublication}: the coded field names of the catalogue's
 * import form, filled, post-processed and validated exactly as the original export module did.
 *
 * <p>Steps: strip {@code /:,- } from both ends of every string; fill the fields; validate the ISBN
 * of the book and of its collection ({@link InvalidISBNException}); apply the per-binding
 * {@link ExportFormat}; check the required fields, the Czech ISBN and the annotation length
 * ({@code AssertionError}, as the original's asserts).
 */
final class ExportForm {

    static final String ANNOTATION_PREFIX = "Nakladatelská anotace: ";
    static final int MAX_ANNOTATION = 500;
    private static final String SPECIAL_CHARACTERS = "/:,- ";
    private static final List<String> AUTHOR_FIELDS = List.of("P1301ZAK__b", "P1302ZAK__c", "P1303ZAK__c");

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ExportForm(String signature) {
        // Declaration order of the original form; every field is sent, most of them filled below.
        for (String name : List.of("sid", "P0100LDR__", "P0200FMT__", "P0300BAS__a", "P0501010__a", "P0502010__b",
                "P0504010__d", "P0601010__a", "P0602010__b", "P07012001_a", "P07022001_b", "P07032001_e",
                "P07042001_h", "P07052001_i", "P1301ZAK__b", "P1302ZAK__c", "P1303ZAK__c", "P110185640u",
                "P0503010__x", "P0901210__a", "P0902210__c", "P0903210__d", "P1401PJM__a", "P0801205__a",
                "P1501IST1_a", "P1502IST1_b", "P1601ISB__a", "P1801URL__u", "P1001330__a")) {
            fields.put(name, "");
        }
        fields.put("sid", signature);
    }

    /**
     * The form fields to POST, in order; a list value (a link list) becomes a repeated field, an empty
     * list an empty field.
     *
     * @throws InvalidISBNException      when an ISBN has a bad checksum or the book has none
     * @throws PreconditionError         when a required field is blank, the ISBN is not Czech or the
     *                                   annotation is too long
     */
    static List<Map.Entry<String, String>> build(EPublication epublication, String signature) {
        if (epublication == null) {
            throw new ValueError("ExportRequest.epublication must be an EPublication, not null");
        }
        ExportForm form = new ExportForm(signature);
        form.fill(stripped(epublication));
        form.postprocess();
        form.apply(ExportFormat.forBinding(form.text("P0502010__b")));
        form.checkRequired();
        return form.entries();
    }

    private void fill(EPublication epub) {
        fields.put("P0501010__a", orBlank(epub.isbn()));
        fields.put("P07012001_a", orBlank(epub.nazev()));
        fields.put("P07032001_e", orBlank(epub.podnazev()));
        fields.put("P0502010__b", orBlank(epub.vazba()));
        fields.put("P0504010__d", orBlank(epub.cena()));
        fields.put("P07042001_h", orBlank(epub.castDil()));
        fields.put("P07052001_i", orBlank(epub.nazevCasti()));
        fields.put("P0902210__c", orBlank(epub.nakladatelVydavatel()));
        fields.put("P0903210__d", orBlank(epub.datumVydani()));
        fields.put("P0801205__a", orBlank(epub.poradiVydani()));
        fields.put("P1502IST1_b", orBlank(epub.zpracovatelZaznamu()));
        fields.put("P0503010__x", orBlank(epub.format()));
        fields.put("P110185640u", orBlank(epub.url()));
        fields.put("P0901210__a", orBlank(epub.mistoVydani()));
        fields.put("P0601010__a", orBlank(epub.isbnSouboruPublikaci()));
        fields.put("P1801URL__u", orBlank(epub.internalUrl()));
        String annotation = epub.anotace();
        fields.put("P1001330__a", annotation == null || annotation.isEmpty() ? "" : ANNOTATION_PREFIX + annotation);
        fillAuthors(epub.autori() == null ? List.of() : epub.autori());
    }

    // Only strings are accepted; more than three: the third field holds the third and all following ones.
    private void fillAuthors(List<Object> authors) {
        List<String> names = new ArrayList<>(authors.size());
        for (Object author : authors) {
            if (!(author instanceof String name)) {
                throw new PreconditionError("Bad type of author (" + PythonTypes.name(author) + ") (str is required).");
            }
            names.add(name);
        }
        if (names.size() > AUTHOR_FIELDS.size()) {
            String rest = String.join(", ", names.subList(2, names.size()));
            names = new ArrayList<>(names.subList(0, 2));
            names.add(rest);
        }
        for (int i = 0; i < names.size(); i++) {
            fields.put(AUTHOR_FIELDS.get(i), names.get(i));
        }
    }

    private void postprocess() {
        String collection = validIsbn(fields.get("P0601010__a"), true);
        fields.put("P0601010__a", collection);
        if (!collection.isEmpty()) {
            insertAfter("P0601010__a", "P0601010__b", "soubor : " + collection);
        }
        String isbn = validIsbn(fields.get("P0501010__a"), false);
        fields.put("P0501010__a", isbn);
        fields.put("P1601ISB__a", isbn);
    }

    private void apply(ExportFormat format) {
        fields.put("P0100LDR__", format.leader());
        fields.put("P0200FMT__", format.format());
        fields.put("P0300BAS__a", format.base());
        fields.put("P07022001_b", format.designation());
        fields.put("P1501IST1_a", format.processor());
    }

    private void checkRequired() {
        require("P0501010__a", "ISBN is required!");
        for (String isbnField : List.of("P0501010__a", "P1601ISB__a")) {
            if (!Isbn.isCzech(text(isbnField))) {
                throw new PreconditionError("Only czech ISBN is accepted!");
            }
        }
        require("P1601ISB__a", "Hidden ISBN field is required!");
        require("P07012001_a", "Nazev is required!");
        require("P0901210__a", "Místo vydání is required!");
        require("P0903210__d", "Datum vydání is required!");
        require("P0801205__a", "Pořadí vydání is required!");
        require("P1501IST1_a", "Zpracovatel is required! (H)");
        require("P1502IST1_b", "Zpracovatel is required! (V)");
        require("P0502010__b", "Vazba/forma is required!");
        if (ExportFormat.ONLINE_BINDING.equals(text("P0502010__b"))) {
            require("P0503010__x", "Format is required!");
        }
        require("P0902210__c", "Nakladatel is required!");
        String annotation = text("P1001330__a");
        int length = annotation.codePointCount(0, annotation.length())
                - ANNOTATION_PREFIX.codePointCount(0, ANNOTATION_PREFIX.length());
        if (length > MAX_ANNOTATION) {
            throw new PreconditionError("Annotation is too long (> " + MAX_ANNOTATION + ").");
        }
    }

    // An ISBN field may hold a string or a list (its first item is used); the result is upper case.
    private static String validIsbn(Object value, boolean acceptBlank) {
        Object raw = value instanceof List<?> list ? (list.isEmpty() ? "" : list.get(0)) : value;
        String isbn = raw == null ? "" : String.valueOf(raw);
        if (isbn.isEmpty() && acceptBlank) {
            return isbn;
        }
        if (!Isbn.isValid(isbn)) {
            throw new InvalidISBNException(isbn + " has invalid ISBN checksum!");
        }
        return isbn.toUpperCase(Locale.ROOT);
    }

    private void require(String field, String message) {
        if (text(field).isEmpty()) {
            throw new PreconditionError(message);
        }
    }

    private String text(String field) {
        Object value = fields.get(field);
        return value instanceof String text ? text : "";
    }

    private void insertAfter(String existing, String name, String value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((key, old) -> {
            copy.put(key, old);
            if (key.equals(existing)) {
                copy.put(name, value);
            }
        });
        fields.clear();
        fields.putAll(copy);
    }

    private List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (value instanceof List<?> list && !list.isEmpty()) {
                for (Object item : list) {
                    out.add(new SimpleImmutableEntry<>(name, String.valueOf(item)));
                }
            } else {
                out.add(new SimpleImmutableEntry<>(name, value instanceof List<?> ? "" : String.valueOf(value)));
            }
        });
        return out;
    }

    /** The publication with {@code /:,- } stripped from both ends of every string, in lists too. */
    static EPublication stripped(EPublication e) {
        return new EPublication(strip(e.isbn()), e.invalidIsbn(), strip(e.idNumber()), strip(e.nazev()),
                strip(e.podnazev()), strip(e.vazba()), strip(e.cena()), strip(e.castDil()), strip(e.nazevCasti()),
                strip(e.nakladatelVydavatel()), strip(e.datumVydani()), strip(e.poradiVydani()),
                strip(e.zpracovatelZaznamu()), strip(e.format()), strip(e.url()), strip(e.mistoVydani()),
                strip(e.isbnSouboruPublikaci()), stripAll(e.autori()), e.originaly(), strip(e.internalUrl()),
                strip(e.anotace()));
    }

    private static <T> T strip(T value) {
        @SuppressWarnings("unchecked")
        T stripped = (T) stripValue(value);
        return stripped;
    }

    private static Object stripValue(Object value) {
        if (value instanceof String text) {
            return stripEnds(text);
        }
        if (value instanceof List<?> list) {
            return stripAll(list);
        }
        if (value instanceof Author author) {
            return new Author(stripEnds(author.firstName()), stripEnds(author.lastName()), stripEnds(author.title()));
        }
        return value;
    }

    private static List<Object> stripAll(List<?> values) {
        if (values == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(values.size());
        for (Object value : values) {
            out.add(stripValue(value));
        }
        return out;
    }

    private static String stripEnds(String text) {
        return Hairs.remove(text, SPECIAL_CHARACTERS);
    }

    private static Object orBlank(Object value) {
        return value == null ? "" : value;
    }
}

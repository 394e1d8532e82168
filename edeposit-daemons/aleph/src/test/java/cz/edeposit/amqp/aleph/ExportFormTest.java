package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.wire.PreconditionError;
import cz.edeposit.amqp.wire.ValueError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportFormTest {

    private static List<Map.Entry<String, String>> form(Consumer<ExportSample> change) {
        ExportSample sample = new ExportSample();
        change.accept(sample);
        return ExportForm.build(sample.build(), "edeposit");
    }

    private static Map<String, String> fields(Consumer<ExportSample> change) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : form(change)) {
            out.merge(field.getKey(), field.getValue(), (a, b) -> a + "|" + b);
        }
        return out;
    }

    private static String assertionMessage(Consumer<ExportSample> change) {
        PreconditionError error = assertThrows(PreconditionError.class, () -> form(change));
        assertEquals("AssertionError", error.wireName());
        return error.getMessage();
    }

    @Test
    void postsEveryFieldOfTheFormInOrder() {
        List<Map.Entry<String, String>> form = form(sample -> { });

        assertEquals(List.of(
                Map.entry("sid", "edeposit"),
                Map.entry("P0100LDR__", "-----nam-a22------a-4500"),
                Map.entry("P0200FMT__", "BK"),
                Map.entry("P0300BAS__a", "49"),
                Map.entry("P0501010__a", "978-80-7422-551-2"),
                Map.entry("P0502010__b", "online"),
                Map.entry("P0504010__d", "249"),
                Map.entry("P0601010__a", ""),
                Map.entry("P0602010__b", ""),
                Map.entry("P07012001_a", "Zahrady jižní Moravy"),
                Map.entry("P07022001_b", "elektronický zdroj"),
                Map.entry("P07032001_e", "průvodce po zámeckých parcích"),
                Map.entry("P07042001_h", ""),
                Map.entry("P07052001_i", ""),
                Map.entry("P1301ZAK__b", "Lipková"),
                Map.entry("P1302ZAK__c", "Horák"),
                Map.entry("P1303ZAK__c", ""),
                Map.entry("P110185640u", "http://www.lipka-nakladatelstvi.cz/zahrady"),
                Map.entry("P0503010__x", "pdf"),
                Map.entry("P0901210__a", "Brno"),
                Map.entry("P0902210__c", "Nakladatelství Lipka"),
                Map.entry("P0903210__d", "2016"),
                Map.entry("P1401PJM__a", ""),
                Map.entry("P0801205__a", "1. vydání"),
                Map.entry("P1501IST1_a", "ox"),
                Map.entry("P1502IST1_b", "Nakladatelství Lipka"),
                Map.entry("P1601ISB__a", "978-80-7422-551-2"),
                Map.entry("P1801URL__u", "https://edeposit.nkp.cz/producents/lipka/epublications/zahrady"),
                Map.entry("P1001330__a", "Nakladatelská anotace: Průvodce po parcích jižní Moravy.")), form);
    }

    @ParameterizedTest
    @CsvSource({
        "mapa,   -----nem-a22------a-4500, MP, 30, kartografický dokument, ow",
        "CD-ROM, -----nam-a22------a-4500, BK, 30, elektronický zdroj,     ow",
        "DVD,    -----nam-a22------a-4500, BK, 30, elektronický zdroj,     ow",
        "online, -----nam-a22------a-4500, BK, 49, elektronický zdroj,     ox",
        "brož.,  -----nam-a22------a-4500, BK, 49, elektronický zdroj,     ox",
        "váz.,   -----nam-a22------a-4500, BK, 49, elektronický zdroj,     ox"})
    void eachBindingMapsToItsLeaderFormatBaseDesignationAndProcessor(String binding, String leader, String format,
                                                                      String base, String designation, String processor) {
        Map<String, String> fields = fields(sample -> sample.vazba = binding);

        assertEquals(List.of(binding, leader, format, base, designation, processor), List.of(fields.get("P0502010__b"),
                fields.get("P0100LDR__"), fields.get("P0200FMT__"), fields.get("P0300BAS__a"),
                fields.get("P07022001_b"), fields.get("P1501IST1_a")));
    }

    @Test
    void stripsSlashColonCommaDashAndSpaceFromBothEndsOfEveryString() {
        Map<String, String> fields = fields(sample -> {
            sample.nazev = " /Zahrady jižní Moravy :";
            sample.mistoVydani = "Brno :";
            sample.nakladatelVydavatel = "Nakladatelství Lipka,";
            sample.datumVydani = "2016-";
            sample.autori = new ArrayList<>(List.of("Lipková, Marie,", "- Horák"));
            sample.isbn = " 978-80-7422-551-2 ";
        });

        assertEquals("Zahrady jižní Moravy", fields.get("P07012001_a"));
        assertEquals("Brno", fields.get("P0901210__a"));
        assertEquals("Nakladatelství Lipka", fields.get("P0902210__c"));
        assertEquals("2016", fields.get("P0903210__d"));
        assertEquals("Lipková, Marie", fields.get("P1301ZAK__b"));
        assertEquals("Horák", fields.get("P1302ZAK__c"));
        assertEquals("978-80-7422-551-2", fields.get("P0501010__a"));
    }

    @Test
    void foldsTheFourthAndFollowingAuthorsIntoTheThirdField() {
        Map<String, String> fields = fields(sample -> sample.autori = new ArrayList<>(
                List.of("Lipková", "Horák", "Novotná", "Dvořák", "Svoboda")));

        assertEquals("Lipková", fields.get("P1301ZAK__b"));
        assertEquals("Horák", fields.get("P1302ZAK__c"));
        assertEquals("Novotná, Dvořák, Svoboda", fields.get("P1303ZAK__c"));
    }

    @Test
    void authorsMustBeStrings() {
        String message = assertionMessage(sample -> sample.autori = new ArrayList<>(
                List.of("Lipková", new Author("Tomáš", "Horák", ""))));

        assertEquals("Bad type of author (Author) (str is required).", message);
    }

    @Test
    void theIsbnMustHaveAValidChecksum() {
        ExportSample sample = new ExportSample();
        sample.isbn = "978-80-7422-552-0";

        InvalidISBNException error = assertThrows(InvalidISBNException.class,
                () -> ExportForm.build(sample.build(), "edeposit"));

        assertEquals("978-80-7422-552-0 has invalid ISBN checksum!", error.getMessage());
        assertThrows(InvalidISBNException.class, () -> form(s -> s.isbn = ""));
        assertThrows(InvalidISBNException.class, () -> form(s -> s.isbn = null));
        assertThrows(InvalidISBNException.class, () -> form(s -> s.isbn = List.of()));
    }

    @Test
    void aListOfIsbnsExportsTheFirstInUpperCase() {
        Map<String, String> fields = fields(sample -> sample.isbn = List.of("80-7422-502-x", "978-80-7422-551-2"));

        assertEquals("80-7422-502-X", fields.get("P0501010__a"));
        assertEquals("80-7422-502-X", fields.get("P1601ISB__a"));
    }

    @Test
    void onlyCzechIsbnsAreAccepted() {
        assertEquals("Only czech ISBN is accepted!", assertionMessage(sample -> sample.isbn = "978-3-16-148410-0"));
    }

    @Test
    void aValidCollectionIsbnIsAlsoSentAsTheCollectionStatement() {
        List<Map.Entry<String, String>> form = form(sample -> sample.isbnSouboruPublikaci = "80-7422-551-8");

        int at = form.indexOf(Map.entry("P0601010__a", "80-7422-551-8"));
        assertTrue(at > 0, form.toString());
        assertEquals(Map.entry("P0601010__b", "soubor : 80-7422-551-8"), form.get(at + 1));
        assertThrows(InvalidISBNException.class, () -> form(sample -> sample.isbnSouboruPublikaci = "80-7422-551-9"));
        assertFalse(fields(sample -> sample.isbnSouboruPublikaci = null).containsKey("P0601010__b"));
    }

    @ParameterizedTest
    @CsvSource({
        "nazev, Nazev is required!",
        "mistoVydani, Místo vydání is required!",
        "datumVydani, Datum vydání is required!",
        "poradiVydani, Pořadí vydání is required!",
        "zpracovatelZaznamu, Zpracovatel is required! (V)",
        "vazba, Vazba/forma is required!",
        "nakladatelVydavatel, Nakladatel is required!"})
    void requiredFieldsMustNotBeBlankOrMissing(String field, String message) throws ReflectiveOperationException {
        java.lang.reflect.Field slot = ExportSample.class.getDeclaredField(field);
        assertEquals(message, assertionMessage(sample -> set(slot, sample, " : ")));
        assertEquals(message, assertionMessage(sample -> set(slot, sample, null)));
    }

    @Test
    void theFormatIsRequiredOnlyForOnlinePublications() {
        assertEquals("Format is required!", assertionMessage(sample -> sample.format = ""));
        assertEquals("", fields(sample -> {
            sample.vazba = "CD-ROM";
            sample.format = "";
        }).get("P0503010__x"));
    }

    @Test
    void theAnnotationIsPrefixedAndLimitedTo500Characters() {
        String longest = "ž".repeat(ExportForm.MAX_ANNOTATION);

        assertEquals(ExportForm.ANNOTATION_PREFIX + longest, fields(sample -> sample.anotace = longest).get("P1001330__a"));
        assertEquals("Annotation is too long (> 500).", assertionMessage(sample -> sample.anotace = longest + "x"));
        assertEquals("", fields(sample -> sample.anotace = null).get("P1001330__a"));
        assertEquals("", fields(sample -> sample.anotace = "").get("P1001330__a"));
    }

    @Test
    void linkListsFromASearchResultBecomeRepeatedFields() {
        Map<String, String> fields = fields(sample -> {
            sample.url = List.of("http://a.example/1", "http://a.example/2");
            sample.internalUrl = List.of();
        });

        assertEquals("http://a.example/1|http://a.example/2", fields.get("P110185640u"));
        assertEquals("", fields.get("P1801URL__u"), "an empty list sends an empty field");
    }

    @Test
    void aMissingPublicationIsAValueError() {
        assertThrows(ValueError.class, () -> ExportForm.build(null, "edeposit"));
    }

    private static void set(java.lang.reflect.Field slot, ExportSample sample, String value) {
        try {
            slot.set(sample, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}

package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code typeOfResource} from leader/06, {@code genre}: the marcgt terms coded in 008 for books,
 * each 655 with its {@code $2} as authority, and the e-deposit genre {@code electronic volume}.
 */
final class GenreMapping {

    static final String ELECTRONIC_VOLUME = "electronic volume";

    private static final Map<Character, String> RESOURCE_TYPES = Map.ofEntries(
            Map.entry('a', "text"), Map.entry('t', "text"), Map.entry('c', "notated music"),
            Map.entry('d', "notated music"), Map.entry('e', "cartographic"), Map.entry('f', "cartographic"),
            Map.entry('g', "moving image"), Map.entry('i', "sound recording-nonmusical"),
            Map.entry('j', "sound recording-musical"), Map.entry('k', "still image"),
            Map.entry('m', "software, multimedia"), Map.entry('o', "mixed material"),
            Map.entry('p', "mixed material"), Map.entry('r', "three dimensional object"));

    /** 008/24-27 of books: the nature of the contents, as marcgt terms. */
    private static final Map<Character, String> CONTENTS = Map.ofEntries(
            Map.entry('a', "abstract or summary"), Map.entry('b', "bibliography"), Map.entry('c', "catalog"),
            Map.entry('d', "dictionary"), Map.entry('e', "encyclopedia"), Map.entry('f', "handbook"),
            Map.entry('g', "legal article"), Map.entry('i', "index"), Map.entry('k', "discography"),
            Map.entry('l', "legislation"), Map.entry('m', "theses"), Map.entry('n', "survey of literature"),
            Map.entry('o', "review"), Map.entry('p', "programmed text"), Map.entry('q', "filmography"),
            Map.entry('r', "directory"), Map.entry('s', "statistics"), Map.entry('t', "technical report"),
            Map.entry('v', "legal case and case notes"), Map.entry('w', "law report or digest"),
            Map.entry('z', "treaty"));

    private GenreMapping() {
    }

    static void map(MarcRecord record, ModsBuilder mods) {
        mods.topText("typeOfResource", RESOURCE_TYPES.getOrDefault(Marc.at(record, "LDR", 6), "text"));
        for (String term : codedGenres(record)) {
            mods.topText("genre", term, "authority", "marcgt");
        }
        for (DataField field : record.dataFields("655")) {
            mods.topText("genre", Marc.chopSeparators(String.join(" ", Marc.values(field, "avxyz"))),
                    "authority", authority(field));
        }
        mods.topText("genre", ELECTRONIC_VOLUME);
    }

    // Only for language material (leader/06 a or t), where 008/18-34 are the books' positions.
    private static Set<String> codedGenres(MarcRecord record) {
        Set<String> terms = new LinkedHashSet<>();
        char type = Marc.at(record, "LDR", 6);
        if (type != 'a' && type != 't') {
            return terms;
        }
        String contents = Marc.fixed(record, "008", 24, 4);
        if (contents != null) {
            for (char code : contents.toCharArray()) {
                if (CONTENTS.containsKey(code)) {
                    terms.add(CONTENTS.get(code));
                }
            }
        }
        if (Marc.at(record, "008", 29) == '1') {
            terms.add("conference publication");
        }
        if (Marc.at(record, "008", 30) == '1') {
            terms.add("festschrift");
        }
        return terms;
    }

    private static String authority(DataField field) {
        String source = Marc.first(field, "2");
        if (source != null && !source.isBlank()) {
            return source.strip();
        }
        return "0".equals(field.i2()) ? "lcsh" : null;
    }
}

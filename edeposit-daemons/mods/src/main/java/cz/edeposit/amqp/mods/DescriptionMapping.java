package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code physicalDescription} (007/00 and 300), {@code targetAudience} (008/22 of books),
 * {@code abstract} (520), {@code tableOfContents} (505) and {@code note}: the statement of
 * responsibility (245c) and the other 5XX notes, typed where MODS has a type for them.
 */
final class DescriptionMapping {

    private static final Map<Character, String> CATEGORIES = Map.of('t', "text", 'c', "electronic resource",
            'a', "map", 'h', "microform", 'k', "nonprojected graphic", 'q', "notated music",
            's', "sound recording", 'v', "videorecording");

    private static final Map<Character, String> AUDIENCES = Map.of('a', "preschool", 'b', "primary",
            'c', "pre-adolescent", 'd', "adolescent", 'e', "adult", 'f', "specialized", 'g', "general",
            'j', "juvenile");

    private static final Map<String, String> NOTE_TYPES = Map.ofEntries(
            Map.entry("502", "thesis"), Map.entry("504", "bibliography"), Map.entry("508", "creation/production credits"),
            Map.entry("511", "performers"), Map.entry("518", "venue"), Map.entry("530", "additional physical form"),
            Map.entry("533", "reproduction"), Map.entry("534", "original version"), Map.entry("538", "system details"),
            Map.entry("541", "acquisition"), Map.entry("545", "biographical/historical"), Map.entry("546", "language"),
            Map.entry("562", "version identification"), Map.entry("581", "publications"),
            Map.entry("585", "exhibitions"));

    private DescriptionMapping() {
    }

    static void physical(MarcRecord record, ModsBuilder mods) {
        Element description = mods.top("physicalDescription");
        String category = CATEGORIES.get(Marc.at(record, "007", 0));
        mods.text(description, "form", category, "authority", "marccategory");
        for (DataField field : record.dataFields("300")) {
            mods.text(description, "extent", Marc.joined(field, "abcefg3"));
        }
        if (!description.hasChildNodes()) {
            mods.root().removeChild(description);
        }
        char type = Marc.at(record, "LDR", 6);
        if (type == 'a' || type == 't') {
            mods.topText("targetAudience", AUDIENCES.get(Marc.at(record, "008", 22)), "authority", "marctarget");
        }
    }

    static void notes(MarcRecord record, ModsBuilder mods) {
        for (DataField field : record.dataFields("245")) {
            for (String responsibility : field.values("c")) {
                mods.topText("note", Marc.chop(responsibility), "type", "statement of responsibility");
            }
        }
        for (DataField field : record.dataFields()) {
            String tag = field.tag();
            if (tag.length() != 3 || tag.charAt(0) != '5' || !Character.isDigit(tag.charAt(1))) {
                continue;
            }
            String text = String.join(" ", Marc.values(field, "abcdefghijklmnopqrstuvwxyz")).strip();
            switch (tag) {
                case "505" -> mods.topText("tableOfContents", text);
                case "520" -> mods.topText("abstract", text);
                default -> mods.topText("note", text, "type", NOTE_TYPES.get(tag));
            }
        }
    }
}

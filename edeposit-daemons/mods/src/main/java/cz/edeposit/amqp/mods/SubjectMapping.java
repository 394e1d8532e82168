package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.Subfield;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * {@code subject} from 600, 610, 611, 630, 648, 650 and 651 (authority from {@code $2}, else from the
 * second indicator), and {@code classification}: 080 as {@code udc}, 072 with its {@code $2}.
 */
final class SubjectMapping {

    private static final Set<String> TAGS = Set.of("600", "610", "611", "630", "648", "650", "651");
    private static final Map<String, String> THESAURI = Map.of("0", "lcsh", "1", "lcshac", "2", "mesh",
            "3", "nal", "5", "csh", "6", "rvm");

    private SubjectMapping() {
    }

    static void subjects(MarcRecord record, ModsBuilder mods) {
        for (DataField field : Marc.fields(record, TAGS)) {
            Element subject = mods.top("subject");
            String source = Marc.first(field, "2");
            String authority = source != null && !source.isBlank() ? source.strip() : THESAURI.get(field.i2());
            if (authority != null) {
                mods.attribute(subject, "authority", authority);
            }
            heading(field, subject, mods);
            for (Subfield subfield : field.subfields()) {
                String value = Marc.chopSeparators(subfield.value());
                switch (subfield.code()) {
                    case "x" -> mods.text(subject, "topic", value);
                    case "y" -> mods.text(subject, "temporal", value);
                    case "z" -> mods.text(subject, "geographic", value);
                    case "v" -> mods.text(subject, "genre", value);
                    default -> {
                    }
                }
            }
            if (!subject.hasChildNodes()) {
                mods.root().removeChild(subject);
            }
        }
    }

    private static void heading(DataField field, Element subject, ModsBuilder mods) {
        switch (field.tag()) {
            case "600", "610", "611" -> {
                Element name = mods.add(subject, "name");
                mods.attribute(name, "type", switch (field.tag()) {
                    case "600" -> "personal";
                    case "610" -> "corporate";
                    default -> "conference";
                });
                mods.text(name, "namePart", Marc.joined(field, "abcq"));
                mods.text(name, "namePart", Marc.chop(Marc.first(field, "d")), "type", "date");
                if (!name.hasChildNodes()) {
                    subject.removeChild(name);
                }
            }
            case "630" -> {
                String title = Marc.joined(field, "anp");
                if (!title.isEmpty()) {
                    mods.text(mods.add(subject, "titleInfo"), "title", title);
                }
            }
            case "648" -> mods.text(subject, "temporal", Marc.joined(field, "a"));
            case "651" -> mods.text(subject, "geographic", Marc.joined(field, "a"));
            default -> mods.text(subject, "topic", Marc.chopSeparators(String.join(" ", Marc.values(field, "abcd"))));
        }
    }

    static void classifications(MarcRecord record, ModsBuilder mods) {
        for (DataField field : record.dataFields("080")) {
            for (String number : field.values("a")) {
                mods.topText("classification", number, "authority", "udc");
            }
        }
        for (DataField field : record.dataFields("072")) {
            String source = Marc.first(field, "2");
            for (String code : field.values("a")) {
                mods.topText("classification", code, "authority", source == null ? null : source.strip());
            }
        }
    }
}

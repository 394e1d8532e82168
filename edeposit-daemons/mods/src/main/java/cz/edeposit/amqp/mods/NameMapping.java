package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * {@code name}: the main entry (100, 110, 111, marked {@code usage="primary"}) and the added entries
 * (700, 710, 711), personal, corporate or conference, with dates and relator codes.
 */
final class NameMapping {

    private static final Set<String> TAGS = Set.of("100", "110", "111", "700", "710", "711");
    // X00 personal, X10 corporate, X11 meeting.
    private static final Map<String, String> TYPES = Map.of("00", "personal", "10", "corporate", "11", "conference");

    private NameMapping() {
    }

    static void map(MarcRecord record, ModsBuilder mods) {
        for (DataField field : Marc.fields(record, TAGS)) {
            name(field, mods);
        }
    }

    private static void name(DataField field, ModsBuilder mods) {
        String type = TYPES.get(field.tag().substring(1));
        Element name = mods.top("name");
        mods.attribute(name, "type", type);
        if (field.tag().charAt(0) == '1') {
            mods.attribute(name, "usage", "primary");
        }
        switch (type) {
            case "personal" -> personal(field, name, mods);
            case "corporate" -> corporate(field, name, mods);
            default -> mods.text(name, "namePart", Marc.joined(field, "aqencd"));
        }
        // A role needs a roleTerm (the schema): a blank $4, or an $e of punctuation only, makes none.
        for (String code : field.values("4")) {
            if (!code.isBlank()) {
                mods.text(mods.add(name, "role"), "roleTerm", code.strip(), "type", "code", "authority", "marcrelator");
            }
        }
        for (String text : field.values("e")) {
            String term = Marc.chop(text);
            if (!"conference".equals(type) && !term.isEmpty()) {
                mods.text(mods.add(name, "role"), "roleTerm", term, "type", "text");
            }
        }
        if (!name.hasChildNodes()) {
            mods.root().removeChild(name);
        }
    }

    private static void personal(DataField field, Element name, ModsBuilder mods) {
        mods.text(name, "namePart", Marc.joined(field, "aq"));
        mods.text(name, "namePart", Marc.joined(field, "bc"), "type", "termsOfAddress");
        mods.text(name, "namePart", Marc.chop(Marc.first(field, "d")), "type", "date");
    }

    private static void corporate(DataField field, Element name, ModsBuilder mods) {
        mods.text(name, "namePart", Marc.joined(field, "a"));
        for (String unit : field.values("b")) {
            mods.text(name, "namePart", Marc.chop(unit));
        }
        mods.text(name, "namePart", Marc.chop(Marc.first(field, "d")), "type", "date");
    }
}

package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * {@code recordInfo}: the description standard (leader/18, 040 {@code $e}), the cataloguing agency
 * (040 {@code $a}), creation (008/00-05) and change (005) dates, the record number (001, source 003),
 * the origin and the language of cataloguing (040 {@code $b}).
 */
final class RecordInfoMapping {

    static final String ORIGIN = "machine generated";

    private RecordInfoMapping() {
    }

    static void map(MarcRecord record, ModsBuilder mods) {
        Element info = mods.top("recordInfo");
        List<DataField> sources = record.dataFields("040");
        char form = Marc.at(record, "LDR", 18);
        mods.text(info, "descriptionStandard", form == 'a' ? "aacr" : form == 'i' ? "isbd" : null);
        for (DataField field : sources) {
            for (String rules : field.values("e")) {
                mods.text(info, "descriptionStandard", rules.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (DataField field : sources) {
            mods.text(info, "recordContentSource", Marc.first(field, "a"), "authority", "marcorg");
        }
        String created = Marc.fixed(record, "008", 0, 6);
        if (created != null && created.chars().allMatch(Character::isDigit)) {
            mods.text(info, "recordCreationDate", created, "encoding", "marc");
        }
        mods.text(info, "recordChangeDate", record.controlField("005"), "encoding", "iso8601");
        mods.text(info, "recordIdentifier", record.controlField("001"), "source", blankToNull(record.controlField("003")));
        mods.text(info, "recordOrigin", ORIGIN);
        for (DataField field : sources) {
            String language = Marc.first(field, "b");
            if (language != null && !language.isBlank()) {
                Element cataloging = mods.add(info, "languageOfCataloging");
                mods.text(cataloging, "languageTerm", language.strip(), "authority", "iso639-2b", "type", "code");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code language}: each ISO 639-2/B code of 008/35-37 and 041 once, in that order; a code that 041
 * gives only as the original of a translation ({@code $h}) is marked {@code objectPart="translation"}.
 */
final class LanguageMapping {

    private LanguageMapping() {
    }

    static void map(MarcRecord record, ModsBuilder mods) {
        Map<String, String> codes = new LinkedHashMap<>();
        String fixed = Marc.fixed(record, "008", 35, 3);
        if (code(fixed)) {
            codes.put(fixed.toLowerCase(Locale.ROOT), null);
        }
        for (DataField field : record.dataFields("041")) {
            for (var subfield : field.subfields()) {
                String value = subfield.value().strip().toLowerCase(Locale.ROOT);
                // 041 may pack several codes in one subfield ("czeeng"), an old practice.
                for (int i = 0; i + 3 <= value.length() && value.length() % 3 == 0; i += 3) {
                    String code = value.substring(i, i + 3);
                    if (!code(code)) {
                        continue;
                    }
                    if ("h".equals(subfield.code())) {
                        codes.putIfAbsent(code, "translation");
                    } else if ("abdefgj".contains(subfield.code())) {
                        codes.put(code, null);
                    }
                }
            }
        }
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            Element language = mods.top("language");
            if (entry.getValue() != null) {
                mods.attribute(language, "objectPart", entry.getValue());
            }
            mods.text(language, "languageTerm", entry.getKey(), "authority", "iso639-2b", "type", "code");
        }
    }

    private static boolean code(String value) {
        return value != null && value.length() == 3 && value.chars().allMatch(Character::isLetter);
    }
}

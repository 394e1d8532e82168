package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;

/**
 * {@code identifier}: the request's {@code uuid}, the Czech national bibliography number (015),
 * ISBNs (020), ISSNs (022) and OCLC numbers (035 {@code (OCoLC)}); cancelled or invalid numbers
 * ({@code $z}, and {@code $y} of 022) carry {@code invalid="yes"}.
 */
final class IdentifierMapping {

    private static final String OCLC_PREFIX = "(OCoLC)";

    private IdentifierMapping() {
    }

    static void map(MarcRecord record, String uuid, ModsBuilder mods) {
        if (uuid != null && !uuid.isBlank()) {
            mods.topText("identifier", uuid, "type", "uuid");
        }
        numbers(record, "015", "ccnb", "a", "z", mods);
        numbers(record, "020", "isbn", "a", "z", mods);
        numbers(record, "022", "issn", "a", "yz", mods);
        for (DataField field : record.dataFields("035")) {
            for (String value : field.values("a")) {
                if (value.startsWith(OCLC_PREFIX)) {
                    mods.topText("identifier", value.substring(OCLC_PREFIX.length()), "type", "oclc");
                }
            }
        }
    }

    private static void numbers(MarcRecord record, String tag, String type, String valid, String invalid,
                                ModsBuilder mods) {
        for (DataField field : record.dataFields(tag)) {
            for (var subfield : field.subfields()) {
                // "80-251-0225-4 (brož.) :": the qualifier stays, the ISBD separator goes.
                String value = Marc.chop(subfield.value());
                if (valid.equals(subfield.code())) {
                    mods.topText("identifier", value, "type", type);
                } else if (invalid.contains(subfield.code())) {
                    mods.topText("identifier", value, "type", type, "invalid", "yes");
                }
            }
        }
    }
}

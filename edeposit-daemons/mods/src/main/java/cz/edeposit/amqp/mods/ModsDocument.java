package cz.edeposit.amqp.mods;

import java.util.List;

/**
 * One MODS document made from one MARC record.
 *
 * @param xml      the document, starting with the XML declaration
 * @param warnings what the mapping noticed and the caller should log (a record without a title, a
 *                 continuing resource mapped as a monograph); empty when none
 */
public record ModsDocument(String xml, List<String> warnings) {

    public ModsDocument {
        warnings = List.copyOf(warnings);
    }
}

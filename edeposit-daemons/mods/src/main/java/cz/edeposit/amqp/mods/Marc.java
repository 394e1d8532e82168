package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.marc.Subfield;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small readings of a MARC record that several parts of the mapping share. */
final class Marc {

    /** ISBD punctuation that ends a subfield because another follows, not because it belongs to the value. */
    private static final String TRAILING = " .,:;/=+";

    private Marc() {
    }

    /**
     * {@code value} without the ISBD punctuation that ends it ({@code "Brno :"} is {@code "Brno"}); a
     * final period after a single capital ({@code "Raymond, Eric S."}) is an initial and stays.
     */
    static String chop(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        int end = text.length();
        while (end > 0 && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
            if (text.charAt(end - 1) == '.' && isInitial(text, end - 1)) {
                break;
            }
            end--;
        }
        return text.substring(0, end).strip();
    }

    // "S." after a space or at the start: an abbreviated given name.
    private static boolean isInitial(String text, int period) {
        return period >= 1 && Character.isUpperCase(text.charAt(period - 1))
                && (period == 1 || text.charAt(period - 2) == ' ' || text.charAt(period - 2) == '.');
    }

    /** Positions {@code from} to {@code from + length} of control field {@code tag}, or null when it is shorter. */
    static String fixed(MarcRecord record, String tag, int from, int length) {
        String value = "LDR".equals(tag) ? record.leader() : record.controlField(tag);
        if (value == null || value.length() < from + length) {
            return null;
        }
        String positions = value.substring(from, from + length);
        // Coded positions hold ASCII; a value with astral characters may be cut inside a pair, which XML cannot carry.
        return SafeXml.firstNonXmlCharacter(positions) >= 0 ? null : positions;
    }

    /**
     * {@code value} without separators at its end, but with a final period: in headings and terms a
     * period usually ends an abbreviation ({@code "handbooks, manuals, etc."}).
     */
    static String chopSeparators(String value) {
        String text = value == null ? "" : value.strip();
        int end = text.length();
        while (end > 0 && " ,:;/=+".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** One position of control field {@code tag}, or a space. */
    static char at(MarcRecord record, String tag, int position) {
        String value = fixed(record, tag, position, 1);
        return value == null ? ' ' : value.charAt(0);
    }

    /** Whether a coded value is missing: blank, or only fill characters ({@code |}), hyphens or hashes. */
    static boolean blank(String code) {
        return code == null || code.chars().allMatch(c -> c == ' ' || c == '|' || c == '-' || c == '#');
    }

    /** The values of the subfields of {@code field} whose codes are in {@code codes}, in field order. */
    static List<String> values(DataField field, String codes) {
        List<String> out = new ArrayList<>();
        for (Subfield subfield : field.subfields()) {
            if (codes.contains(subfield.code()) && !subfield.value().isBlank()) {
                out.add(subfield.value());
            }
        }
        return out;
    }

    /** The subfields of {@code field} whose codes are in {@code codes}, joined by spaces and chopped. */
    static String joined(DataField field, String codes) {
        return chop(String.join(" ", values(field, codes)));
    }

    /** The first value of subfield {@code code}, or null. */
    static String first(DataField field, String code) {
        List<String> values = field.values(code);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every data field whose tag is in {@code tags}, in record order. */
    static List<DataField> fields(MarcRecord record, Set<String> tags) {
        List<DataField> out = new ArrayList<>();
        for (DataField field : record.dataFields()) {
            if (tags.contains(field.tag())) {
                out.add(field);
            }
        }
        return out;
    }
}

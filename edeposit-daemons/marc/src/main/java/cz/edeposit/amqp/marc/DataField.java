package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One occurrence of a variable (data) field: its tag (numeric such as {@code 245} or one of
 * Aleph's local tags such as {@code IST}), its two indicators and its subfields in order.
 *
 * <p>A missing indicator is a single space, as in both source formats.
 */
public record DataField(String tag, String i1, String i2, List<Subfield> subfields) {

    public DataField {
        Objects.requireNonNull(tag, "tag");
        i1 = i1 == null ? " " : i1;
        i2 = i2 == null ? " " : i2;
        subfields = List.copyOf(subfields);
    }

    /** The values of every subfield with {@code code}, in order. */
    public List<String> values(String code) {
        List<String> out = new ArrayList<>();
        for (Subfield subfield : subfields) {
            if (subfield.code().equals(code)) {
                out.add(subfield.value());
            }
        }
        return out;
    }

    /** Whether the field has at least one subfield with {@code code}. */
    public boolean has(String code) {
        for (Subfield subfield : subfields) {
            if (subfield.code().equals(code)) {
                return true;
            }
        }
        return false;
    }
}

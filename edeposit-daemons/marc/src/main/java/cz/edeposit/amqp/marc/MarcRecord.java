package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One bibliographic record: leader, control fields and data fields, whatever format it came in.
 *
 * <p>Control fields are keyed by tag (a repeated control tag keeps its last value, as in the
 * original parser); in OAI-MARC they are the {@code fixfield}s, including Aleph's {@code LDR} and
 * {@code FMT}. Data fields keep their document order.
 *
 * @param leader        the leader; in OAI-MARC the {@code LDR} fixfield; null when absent
 * @param controlFields control fields by tag, in document order
 * @param dataFields    data fields in document order
 * @param oaiMarc       whether the record was read from OAI-MARC
 */
public record MarcRecord(String leader, Map<String, String> controlFields, List<DataField> dataFields,
                         boolean oaiMarc) {

    public MarcRecord {
        controlFields = Collections.unmodifiableMap(new LinkedHashMap<>(controlFields));
        dataFields = List.copyOf(dataFields);
    }

    /** The value of control field {@code tag}, or null. */
    public String controlField(String tag) {
        return controlFields.get(tag);
    }

    /** Every occurrence of data field {@code tag}, in document order. */
    public List<DataField> dataFields(String tag) {
        List<DataField> out = new ArrayList<>();
        for (DataField field : dataFields) {
            if (field.tag().equals(tag)) {
                out.add(field);
            }
        }
        return out;
    }

    /** Whether {@code tag} occurs as a data field. */
    public boolean hasDataField(String tag) {
        for (DataField field : dataFields) {
            if (field.tag().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code tag} occurs as a control field or a data field. */
    public boolean hasField(String tag) {
        return controlFields.containsKey(tag) || hasDataField(tag);
    }

    /** The values of subfield {@code code} in every occurrence of {@code tag}. */
    public List<String> subfields(String tag, String code) {
        return subfields(tag, code, null, null);
    }

    /**
     * The values of subfield {@code code} in the occurrences of {@code tag} whose indicators match;
     * a null indicator matches any value.
     */
    public List<String> subfields(String tag, String code, String i1, String i2) {
        Objects.requireNonNull(code, "code");
        List<String> out = new ArrayList<>();
        for (DataField field : dataFields) {
            if (field.tag().equals(tag) && (i1 == null || i1.equals(field.i1()))
                    && (i2 == null || i2.equals(field.i2()))) {
                out.addAll(field.values(code));
            }
        }
        return out;
    }
}

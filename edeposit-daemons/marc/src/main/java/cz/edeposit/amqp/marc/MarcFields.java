package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code record} element in whichever format it is written: OAI-MARC when it holds an
 * {@code oai_marc} element, MARC XML slim otherwise. Values are trimmed, and fields without a tag and
 * subfields without a code are skipped, as the original parser did.
 */
final class MarcFields {

    private final String controlElement;
    private final String controlTag;
    private final String dataElement;
    private final String dataTag;
    private final String i1;
    private final String i2;
    private final String code;
    private final Map<String, String> control = new LinkedHashMap<>();
    private final List<DataField> data = new ArrayList<>();
    private String leader;

    private MarcFields(String controlElement, String controlTag, String dataElement, String dataTag, String i1,
                       String i2, String code) {
        this.controlElement = controlElement;
        this.controlTag = controlTag;
        this.dataElement = dataElement;
        this.dataTag = dataTag;
        this.i1 = i1;
        this.i2 = i2;
        this.code = code;
    }

    static MarcRecord read(MarcElement record) {
        if (record.descendants("oai_marc").isEmpty()) {
            MarcFields fields = new MarcFields("controlfield", "tag", "datafield", "tag", "ind1", "ind2", "code");
            fields.collect(record);
            return new MarcRecord(fields.leader, fields.control, fields.data, false);
        }
        MarcFields fields = new MarcFields("fixfield", "id", "varfield", "id", "i1", "i2", "label");
        fields.collect(record);
        return new MarcRecord(fields.control.get("LDR"), fields.control, fields.data, true);
    }

    private void collect(MarcElement parent) {
        for (MarcElement element : parent.elements()) {
            String name = element.name();
            if (name.equals(controlElement)) {
                String tag = element.attribute(controlTag);
                if (tag != null) {
                    control.put(tag, text(element));
                }
            } else if (name.equals(dataElement)) {
                if (element.attribute(dataTag) != null) {
                    data.add(dataField(element));
                }
            } else if (name.equals("leader")) {
                if (leader == null) {
                    leader = text(element);
                }
            } else {
                collect(element);
            }
        }
    }

    private DataField dataField(MarcElement field) {
        List<Subfield> subfields = new ArrayList<>();
        for (MarcElement subfield : field.descendants("subfield")) {
            String subfieldCode = subfield.attribute(code);
            if (subfieldCode != null) {
                subfields.add(new Subfield(subfieldCode, text(subfield)));
            }
        }
        return new DataField(field.attribute(dataTag), indicator(field, i1), indicator(field, i2), subfields);
    }

    private static String indicator(MarcElement field, String attribute) {
        String value = field.attribute(attribute);
        return value != null ? value : " ";
    }

    private static String text(MarcElement element) {
        return element.textContent().strip();
    }
}

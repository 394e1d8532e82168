package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.MarcXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-written MARC records for the tests, written out as MARC XML slim or as OAI-MARC. */
final class TestRecord {

    // Leaders start with the record length: the model strips values, so they must not start with blanks.
    private String leader = "00000nam a2200000   4500";
    private final Map<String, String> control = new LinkedHashMap<>();
    private final List<String[]> fields = new ArrayList<>();

    static TestRecord book() {
        return new TestRecord();
    }

    TestRecord leader(String value) {
        leader = value;
        return this;
    }

    TestRecord control(String tag, String value) {
        control.put(tag, value);
        return this;
    }

    /** A data field: tag, two indicators, then code/value pairs. */
    TestRecord field(String tag, String indicators, String... subfields) {
        String[] field = new String[3 + subfields.length];
        field[0] = tag;
        field[1] = indicators.substring(0, 1);
        field[2] = indicators.substring(1, 2);
        System.arraycopy(subfields, 0, field, 3, subfields.length);
        fields.add(field);
        return this;
    }

    String marcXmlRecord() {
        StringBuilder out = new StringBuilder("<record>\n<leader>").append(leader).append("</leader>\n");
        control.forEach((tag, value) -> out.append("<controlfield tag=\"").append(tag).append("\">")
                .append(escape(value)).append("</controlfield>\n"));
        for (String[] field : fields) {
            out.append("<datafield tag=\"").append(field[0]).append("\" ind1=\"").append(field[1])
                    .append("\" ind2=\"").append(field[2]).append("\">\n");
            for (int i = 3; i + 1 < field.length; i += 2) {
                out.append("<subfield code=\"").append(field[i]).append("\">").append(escape(field[i + 1]))
                        .append("</subfield>\n");
            }
            out.append("</datafield>\n");
        }
        return out.append("</record>\n").toString();
    }

    String marcXml() {
        return collection(List.of(this));
    }

    static String collection(List<TestRecord> records) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
        for (TestRecord record : records) {
            out.append(record.marcXmlRecord());
        }
        return out.append("</collection>\n").toString();
    }

    String oaiMarc() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<present><record>"
                + "<metadata><oai_marc>\n<fixfield id=\"LDR\">").append(leader).append("</fixfield>\n");
        control.forEach((tag, value) -> out.append("<fixfield id=\"").append(tag).append("\">")
                .append(escape(value)).append("</fixfield>\n"));
        for (String[] field : fields) {
            out.append("<varfield id=\"").append(field[0]).append("\" i1=\"").append(field[1])
                    .append("\" i2=\"").append(field[2]).append("\">\n");
            for (int i = 3; i + 1 < field.length; i += 2) {
                out.append("<subfield label=\"").append(field[i]).append("\">").append(escape(field[i + 1]))
                        .append("</subfield>\n");
            }
            out.append("</varfield>\n");
        }
        return out.append("</oai_marc></metadata></record></present>\n").toString();
    }

    MarcRecord parsed() {
        return MarcXml.parse(marcXml());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}

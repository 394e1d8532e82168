package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.PublicationType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * {@code originInfo}: the country code of 008/15-17, places, publishers and dates of 260 (or of the
 * publication statements of 264), the copyright date of 264 #4, the edition of 250 and the issuance.
 */
final class OriginInfoMapping {

    private OriginInfoMapping() {
    }

    static void map(MarcRecord record, PublicationType type, ModsBuilder mods) {
        Element origin = mods.top("originInfo");
        String country = Marc.fixed(record, "008", 15, 3);
        if (!Marc.blank(country)) {
            Element place = mods.add(origin, "place");
            mods.text(place, "placeTerm", country, "type", "code", "authority", "marccountry");
        }
        List<DataField> statements = publication(record);
        for (DataField field : statements) {
            for (String value : field.values("a")) {
                String text = Marc.chop(value);
                if (!text.isEmpty()) {
                    mods.text(mods.add(origin, "place"), "placeTerm", text, "type", "text");
                }
            }
        }
        for (DataField field : statements) {
            for (String value : field.values("b")) {
                mods.text(origin, "publisher", Marc.chop(value));
            }
        }
        for (DataField field : statements) {
            for (String value : field.values("c")) {
                mods.text(origin, "dateIssued", Marc.chop(value));
            }
        }
        for (DataField field : record.dataFields("264")) {
            if ("4".equals(field.i2())) {
                for (String value : field.values("c")) {
                    mods.text(origin, "copyrightDate", Marc.chop(value));
                }
            }
        }
        for (DataField field : record.dataFields("250")) {
            mods.text(origin, "edition", edition(field));
        }
        mods.text(origin, "issuance", type == PublicationType.MULTIPART_MONOGRAPH ? "multipart monograph" : "single unit");
    }

    // 260 when there is one; otherwise the publication statements (second indicator 1) of 264.
    private static List<DataField> publication(MarcRecord record) {
        List<DataField> fields = record.dataFields("260");
        if (!fields.isEmpty()) {
            return fields;
        }
        List<DataField> published = new ArrayList<>();
        for (DataField field : record.dataFields("264")) {
            if ("1".equals(field.i2())) {
                published.add(field);
            }
        }
        return published;
    }

    // "Vyd. 1." keeps its period (an abbreviation); only a separator before $b goes.
    private static String edition(DataField field) {
        String text = String.join(" ", Marc.values(field, "ab")).strip();
        while (!text.isEmpty() && " /=".indexOf(text.charAt(text.length() - 1)) >= 0) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}

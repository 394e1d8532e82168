package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * {@code relatedItem}: the series of 490 and 830, and the other language or format editions named by
 * the linking entries 765, 767, 775 and 776 ({@code $t}, with an ISBN from {@code $z}).
 */
final class RelatedItemMapping {

    private static final Map<String, String> LINKS = Map.of("765", "otherVersion", "767", "otherVersion",
            "775", "otherVersion", "776", "otherFormat");

    private RelatedItemMapping() {
    }

    static void map(MarcRecord record, ModsBuilder mods) {
        for (DataField field : record.dataFields()) {
            String type = LINKS.get(field.tag());
            if (type != null) {
                item(mods, type, Marc.joined(field, "t"), Marc.first(field, "z"));
            } else if ("490".equals(field.tag()) || "830".equals(field.tag())) {
                item(mods, "series", Marc.joined(field, "anp"), null);
            }
        }
    }

    private static void item(ModsBuilder mods, String type, String title, String isbn) {
        if (title.isEmpty()) {
            return;
        }
        Element item = mods.top("relatedItem");
        mods.attribute(item, "type", type);
        mods.text(mods.add(item, "titleInfo"), "title", title);
        mods.text(item, "identifier", Marc.chop(isbn), "type", "isbn");
    }
}

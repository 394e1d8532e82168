package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import java.util.List;
import org.w3c.dom.Element;

/** {@code titleInfo}: the title proper from 245, the varying forms of 246 as alternatives. */
final class TitleMapping {

    private TitleMapping() {
    }

    /** Adds the titles; returns whether the record had a title proper. */
    static boolean map(MarcRecord record, ModsBuilder mods) {
        List<DataField> titles = record.dataFields("245");
        boolean titled = false;
        if (!titles.isEmpty()) {
            titled = title(titles.get(0), null, mods);
        }
        for (DataField varying : record.dataFields("246")) {
            title(varying, "alternative", mods);
        }
        return titled;
    }

    private static boolean title(DataField field, String type, ModsBuilder mods) {
        String title = Marc.joined(field, "a");
        String subTitle = Marc.joined(field, "b");
        List<String> numbers = field.values("n");
        List<String> names = field.values("p");
        if (title.isEmpty() && subTitle.isEmpty() && numbers.isEmpty() && names.isEmpty()) {
            return false;
        }
        Element info = mods.top("titleInfo");
        if (type != null) {
            mods.attribute(info, "type", type);
        }
        String nonSort = null;
        int skip = nonFiling(field, type);
        // Never between the two halves of an astral character: neither half alone is XML.
        if (skip > 0 && skip < title.length() && !Character.isLowSurrogate(title.charAt(skip))) {
            nonSort = title.substring(0, skip);
            title = title.substring(skip);
        }
        if (nonSort != null) {
            // The article keeps its space: MODS concatenates nonSort and title for display.
            mods.nonSort(info, nonSort);
        }
        mods.text(info, "title", title);
        mods.text(info, "subTitle", subTitle);
        for (String number : numbers) {
            mods.text(info, "partNumber", Marc.chop(number));
        }
        for (String name : names) {
            mods.text(info, "partName", Marc.chop(name));
        }
        if (!info.hasChildNodes()) {
            mods.root().removeChild(info);
            return false;
        }
        return true;
    }

    // 245's second indicator counts the characters of an initial article that sorting skips; 246 has none.
    private static int nonFiling(DataField field, String type) {
        char indicator = field.i2().isEmpty() ? ' ' : field.i2().charAt(0);
        return type == null && indicator >= '1' && indicator <= '9' ? indicator - '0' : 0;
    }
}

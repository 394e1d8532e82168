package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import org.w3c.dom.Element;

/**
 * {@code location}: exactly one {@code holdingSimple/copyInformation/electronicLocator}, the first
 * 856 {@code $u} that locates the resource itself (second indicator 0 or blank), else the request's
 * {@code url}; an 856 with indicator 1 (a version) or 2 (a related site) never becomes the location.
 */
final class LocationMapping {

    private LocationMapping() {
    }

    static void map(MarcRecord record, String url, ModsBuilder mods) {
        String locator = resource(record);
        if (locator == null && url != null && !url.isBlank()) {
            locator = url.strip();
        }
        if (locator == null) {
            return;
        }
        Element location = mods.top("location");
        Element copy = mods.add(mods.add(location, "holdingSimple"), "copyInformation");
        mods.text(copy, "electronicLocator", locator);
    }

    static String resource(MarcRecord record) {
        for (DataField field : record.dataFields("856")) {
            if (!"0".equals(field.i2()) && !" ".equals(field.i2())) {
                continue;
            }
            for (String value : field.values("u")) {
                if (!value.isBlank()) {
                    return value.strip();
                }
            }
        }
        return null;
    }
}

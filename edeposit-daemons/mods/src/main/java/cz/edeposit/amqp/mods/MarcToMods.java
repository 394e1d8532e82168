package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.MarcQuery;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.PublicationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Document;

/**
 * Our MARC 21 to MODS 3.4 mapping for e-deposit (docs/marcxml2mods.md, "Mapping"): one MODS document per
 * record, {@code ID="MODS_VOLUME_000n"} for the n-th. The documents are valid by construction
 * ({@link ModsBuilder}, {@link ModsTypes}), not validated one by one: the tests hold them to the schema
 * ({@link ModsSchema}) in the jar.
 */
public final class MarcToMods {

    private MarcToMods() {
    }

    /**
     * Maps every record, in order.
     *
     * @param uuid the e-deposit identifier of the publication, or null/blank for none
     * @param url  where the publication is kept, used when no 856 locates it; null/blank for none
     * @throws InvalidModsException when the mapping would write a value the schema refuses there (our bug)
     * @throws UnwritableValueException when a value of a record, the uuid or the url holds a character XML 1.0
     *                                  cannot carry
     */
    public static List<ModsDocument> convert(List<MarcRecord> records, String uuid, String url) {
        List<ModsDocument> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(convert(records.get(i), i + 1, uuid, url));
        }
        return out;
    }

    /** Maps one record as the {@code number}-th of its request. */
    public static ModsDocument convert(MarcRecord record, int number, String uuid, String url) {
        List<String> warnings = new ArrayList<>();
        Document document = map(record, number, uuid, url, warnings);
        return new ModsDocument(ModsWriter.write(document), warnings);
    }

    /** The MODS DOM of one record; {@code warnings} collects what the caller should log. */
    static Document map(MarcRecord record, int number, String uuid, String url, List<String> warnings) {
        String id = String.format(Locale.ROOT, "MODS_VOLUME_%04d", number);
        PublicationType type = new MarcQuery(record).publicationType();
        if (type == PublicationType.CONTINUING) {
            warnings.add(id + ": record " + printable(record.controlField("001"))
                    + " describes a continuing resource; it is mapped as a monograph, as the original did");
        }
        ModsBuilder mods = new ModsBuilder(id);
        if (!TitleMapping.map(record, mods)) {
            warnings.add(id + ": record " + printable(record.controlField("001")) + " has no title (245)");
        }
        NameMapping.map(record, mods);
        GenreMapping.map(record, mods);
        OriginInfoMapping.map(record, type, mods);
        LanguageMapping.map(record, mods);
        DescriptionMapping.physical(record, mods);
        DescriptionMapping.notes(record, mods);
        SubjectMapping.subjects(record, mods);
        SubjectMapping.classifications(record, mods);
        LocationMapping.map(record, url, mods);
        RelatedItemMapping.map(record, mods);
        IdentifierMapping.map(record, uuid, mods);
        RecordInfoMapping.map(record, mods);
        return mods.document();
    }

    /** A record number fit for a log line: publishers write it, so no line breaks and no more than 64 characters. */
    static String printable(String value) {
        if (value == null) {
            return "(no 001)";
        }
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= 64 ? shown : shown.substring(0, 64) + "...";
    }
}

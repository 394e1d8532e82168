package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.marc.Hairs;
import cz.edeposit.amqp.marc.MarcFormatException;
import cz.edeposit.amqp.marc.MarcQuery;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.MarcXml;
import cz.edeposit.amqp.wire.ValueError;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of {@code aleph_record} and what the info document takes from the first: creator,
 * publisher and title identifiers. Everything here is checked before anything is written.
 *
 * @param records the records, at least one
 * @param creator 910a, else the last 040d, of the first record
 */
record CatalogueRecord(List<MarcRecord> records, String creator) {

    /** At most this many records (volumes) in one export: each becomes a MODS file. */
    static final int MAX_RECORDS = 100;

    /**
     * The longest {@code aleph_record}, in characters: a catalogue record is a few KiB, and the DOM of
     * 8 MiB of the most hostile XML fits the launcher's heap beside a 100 MiB file (marcxml2mods measured it).
     */
    static final int MAX_RECORD_CHARS = 8 << 20;

    /** Parses {@code alephRecord}, which is content only: the original opened a text without a newline as a file. */
    static CatalogueRecord parse(String alephRecord) {
        if (alephRecord == null || alephRecord.isBlank()) {
            throw new ValueError("aleph_record is empty: send the text of a MARC XML or OAI-MARC record");
        }
        if (alephRecord.length() > MAX_RECORD_CHARS) {
            throw new ValueError("aleph_record holds " + alephRecord.length() + " characters, more than "
                    + MAX_RECORD_CHARS + ": send the catalogue record only");
        }
        if (alephRecord.strip().charAt(0) != '<') {
            throw new ValueError("aleph_record is not XML (it does not start with '<'): send the record's text, not"
                    + " a path or a file name");
        }
        List<MarcRecord> records;
        try {
            records = MarcXml.parseAll(alephRecord);
        } catch (MarcFormatException e) {
            throw new ValueError("aleph_record: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new ValueError("aleph_record holds no MARC record: send MARC XML (collection/record) or OAI-MARC"
                    + " (record/metadata/oai_marc)");
        }
        if (records.size() > MAX_RECORDS) {
            throw new ValueError("aleph_record holds " + records.size() + " records, more than " + MAX_RECORDS);
        }
        MarcRecord first = records.get(0);
        List<String> creators = nonBlank(first.subfields("910", "a"));
        if (creators.isEmpty()) {
            List<String> modifiers = nonBlank(first.subfields("040", "d"));
            if (modifiers.isEmpty()) {
                throw new ValueError("aleph_record names no creator (neither 910a nor 040d): the info document"
                        + " needs one");
            }
            creators = List.of(modifiers.get(modifiers.size() - 1));
        }
        return new CatalogueRecord(records, creators.get(0));
    }

    /** The publisher (260b/264b) without cataloguing punctuation at its ends, or null. */
    String institution() {
        String publisher = new MarcQuery(records.get(0)).publisher();
        if (publisher == null) {
            return null;
        }
        String clean = Hairs.remove(publisher, Hairs.DEFAULT + ".").strip();
        return clean.isEmpty() ? null : clean;
    }

    /** The {@code titleid}s: each ISBN, the first ČNB number (015a), the URN:NBN; type and value pairs. */
    List<String[]> titleIds(String urnNbn) {
        List<String[]> ids = new ArrayList<>();
        for (String isbn : new MarcQuery(records.get(0)).isbns()) {
            if (!isbn.isBlank()) {
                ids.add(new String[] {"isbn", isbn.strip()});
            }
        }
        List<String> ccnb = nonBlank(records.get(0).subfields("015", "a"));
        if (!ccnb.isEmpty()) {
            ids.add(new String[] {"ccnb", ccnb.get(0)});
        }
        if (urnNbn != null && !urnNbn.isBlank()) {
            ids.add(new String[] {"urnnbn", urnNbn.strip()});
        }
        return ids;
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }
}

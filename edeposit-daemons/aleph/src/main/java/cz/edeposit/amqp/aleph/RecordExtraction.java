package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;
import cz.edeposit.amqp.marc.EPeriodical;
import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.Hairs;
import cz.edeposit.amqp.marc.MarcQuery;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.Person;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the structures a search returns from a catalogue record: the bibliographic data
 * ({@link EPublication}, {@link EPeriodical}) and the cataloguing state ({@link SemanticInfo},
 * {@link EPeriodicalSemanticInfo}) read from Aleph's local fields.
 */
final class RecordExtraction {

    private static final String SUMMARY_RECORD_FORMAT = "SE";
    private static final String CLOSED_BASE = "90";
    // The original's token cleaning for the summary record number: more than the getters' hairs.
    private static final String SYS_NUMBER_HAIRS = " .,:;<>(){}[]\\/";

    private RecordExtraction() {
    }

    /**
     * Monograph metadata.
     *
     * @throws DocumentNotFoundException when the record has a {@code DEL} field
     */
    static EPublication epublication(MarcQuery query) {
        rejectDeleted(query.record());
        List<Object> authors = new ArrayList<>();
        for (Person person : query.authors()) {
            authors.add(new Author((person.name() + " " + person.secondName()).strip(), person.surname(), person.title()));
        }
        List<String> bindings = query.bindings();
        List<String> processors = query.record().subfields("040", "a");
        return new EPublication(
                query.isbns(),
                query.invalidIsbns(),
                query.record().controlField("001"),
                query.name(),
                query.subname(),
                bindings.isEmpty() ? "" : bindings.get(0),
                query.price(),
                query.part(),
                query.partName(),
                query.publisher(),
                query.pubDate(),
                query.pubOrder(),
                processors.isEmpty() ? "" : processors.get(0),
                query.format(),
                query.urls(),
                query.pubPlace(),
                List.of(),
                authors,
                query.originals(),
                query.internalUrls(),
                null);
    }

    /**
     * Periodical metadata.
     *
     * @throws DocumentNotFoundException when the record has a {@code DEL} field
     */
    static EPeriodical periodical(MarcQuery query) {
        rejectDeleted(query.record());
        return new EPeriodical(
                query.urls(),
                query.issns(),
                query.invalidIssns(),
                query.name(),
                null,
                query.subname(),
                query.record().controlField("001"),
                query.pubPlace(),
                query.pubDate(),
                query.internalUrls(),
                query.publisher(),
                query.linkingIssns());
    }

    /** The cataloguing state of a monograph record. */
    static SemanticInfo semanticInfo(MarcRecord record) {
        List<String> isbnAgency = new ArrayList<>();
        List<String> descriptive = new ArrayList<>();
        List<String> descriptiveReview = new ArrayList<>();
        List<String> subject = new ArrayList<>();
        List<String> subjectReview = new ArrayList<>();
        for (DataField ist : record.dataFields("IST")) {
            for (String sign : ist.values("a")) {
                String compact = sign.replace(" ", "");
                List<String> target = compact.startsWith("jp2") ? descriptive
                        : compact.startsWith("jr2") ? descriptiveReview
                        : compact.startsWith("vp") ? subject
                        : compact.startsWith("vr") ? subjectReview
                        : compact.startsWith("ii2") ? isbnAgency
                        : null;
                if (target != null) {
                    target.add(compact);
                    target.addAll(ist.values("b"));
                }
            }
        }
        String summary = summaryRecordSysNumber(record);
        return new SemanticInfo(hasAcquisition(record), acquisitionFields(record), isbnAgency, descriptive,
                descriptiveReview, subject, subjectReview, isClosed(record), isSummaryRecord(record),
                contentOfFmt(record), parseSummaryRecordSysNumber(summary), summary);
    }

    /** The cataloguing state of a periodical record: {@code IST} signs starting {@code sk} are acquisition. */
    static EPeriodicalSemanticInfo periodicalSemanticInfo(MarcRecord record) {
        boolean hasAcquisition = hasAcquisition(record);
        List<String> acquisition = acquisitionFields(record);
        for (DataField ist : record.dataFields("IST")) {
            for (String sign : ist.values("a")) {
                String compact = sign.replace(" ", "");
                if (compact.startsWith("sk")) {
                    hasAcquisition = true;
                    acquisition.add(compact);
                    acquisition.addAll(ist.values("b"));
                }
            }
        }
        String summary = summaryRecordSysNumber(record);
        return new EPeriodicalSemanticInfo(hasAcquisition, acquisition, isClosed(record), isSummaryRecord(record),
                contentOfFmt(record), parseSummaryRecordSysNumber(summary), summary);
    }

    /** The first whitespace-separated token with more than three digits, without surrounding punctuation. */
    static String parseSummaryRecordSysNumber(String text) {
        for (String token : text.strip().split("\\s+")) {
            String clean = Hairs.remove(token, SYS_NUMBER_HAIRS);
            if (clean.chars().filter(Character::isDigit).count() > 3) {
                return clean;
            }
        }
        return "";
    }

    private static void rejectDeleted(MarcRecord record) {
        if (record.hasDataField("DEL")) {
            throw new DocumentNotFoundException("Document was deleted.");
        }
    }

    private static boolean hasAcquisition(MarcRecord record) {
        return record.hasField("HLD");
    }

    private static List<String> acquisitionFields(MarcRecord record) {
        List<String> out = new ArrayList<>();
        if (hasAcquisition(record)) {
            out.addAll(record.subfields("STZ", "a"));
            out.addAll(record.subfields("STZ", "b"));
        }
        return out;
    }

    private static boolean isClosed(MarcRecord record) {
        return record.subfields("BAS", "a").contains(CLOSED_BASE);
    }

    private static String contentOfFmt(MarcRecord record) {
        String fmt = record.controlField("FMT");
        return fmt == null ? "" : fmt;
    }

    private static boolean isSummaryRecord(MarcRecord record) {
        return SUMMARY_RECORD_FORMAT.equals(record.controlField("FMT"));
    }

    private static String summaryRecordSysNumber(MarcRecord record) {
        String joined = String.join("\n", record.subfields("PJM", "a"));
        return joined.isBlank() ? "" : joined;
    }
}

package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.MarcFormatException;
import cz.edeposit.amqp.marc.MarcQuery;
import cz.edeposit.amqp.marc.MarcDom;
import cz.edeposit.amqp.marc.SafeXml;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Turns an X-Services answer holding one record into an {@link AlephRecord}. */
final class AlephRecords {

    private static final String NO_DOC_NUMBER = "-1";

    private AlephRecords() {
    }

    /**
     * A record of a search: the system number comes from the answer's {@code <doc_number>}.
     *
     * @throws DocumentNotFoundException when the record has been deleted
     */
    static AlephRecord fromPresent(String base, String library, String xml) {
        Document document = parse(xml);
        return build(base, library, docNumber(document), xml, document);
    }

    /**
     * A record fetched directly: the system number is the one asked for, and there is no base.
     *
     * @throws DocumentNotFoundException when the record has been deleted
     */
    static AlephRecord fromFindDoc(String library, String docNumber, String xml) {
        return build(null, library, docNumber, xml, parse(xml));
    }

    private static AlephRecord build(String base, String library, String docNumber, String xml, Document document) {
        MarcQuery query;
        try {
            query = new MarcQuery(MarcDom.read(document));
        } catch (MarcFormatException e) {
            throw new AlephException("Aleph X-Services answered without a record: " + e.getMessage(), e);
        }
        if (query.isContinuing()) {
            EPeriodicalSemanticInfo state = RecordExtraction.periodicalSemanticInfo(query.record());
            return new AlephRecord(base, library, docNumber, xml, RecordExtraction.periodical(query), state);
        }
        SemanticInfo state = RecordExtraction.semanticInfo(query.record());
        return new AlephRecord(base, library, docNumber, xml, RecordExtraction.epublication(query), state);
    }

    private static String docNumber(Document document) {
        List<Element> numbers = SafeXml.descendants(document, "doc_number");
        return numbers.isEmpty() ? NO_DOC_NUMBER : numbers.get(0).getTextContent().strip();
    }

    private static Document parse(String xml) {
        try {
            return SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new AlephException("Aleph X-Services answered with a record that is not XML: " + e.getMessage(), e);
        }
    }
}

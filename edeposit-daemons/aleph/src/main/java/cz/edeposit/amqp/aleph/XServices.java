package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.SafeXml;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The three Aleph X-Services operations the daemon uses: {@code find} (search and count),
 * {@code present} (one record of a found set) and {@code find_doc} (one record by system number).
 */
final class XServices {

    /**
     * What a {@code find} answered.
     *
     * @param setNumber the result set, zero-padded to six digits; null for an empty result
     * @param noRecords records in the set, which {@code present} can fetch
     * @param noEntries the count reported to clients
     */
    record Found(String setNumber, long noRecords, long noEntries) {
        static final Found EMPTY = new Found(null, 0, 0);
    }

    private static final String EMPTY_SET = "empty set";
    private static final String DOCUMENT_MISSING = "Error reading document";

    private final AlephHttp http;
    private final String baseUrl;

    XServices(AlephHttp http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl.toString();
    }

    /** {@code op=find}: {@code <error>empty set</error>} is an empty result, any other error an {@link AlephException}. */
    Found find(String base, String field, String phrase) throws InterruptedException {
        Document answer = fetch("find", "/X?op=find&request=" + encode(field) + "=" + encode(phrase)
                + "&base=" + encode(base));
        List<Element> finds = SafeXml.descendants(answer, "find");
        if (finds.isEmpty()) {
            throw new AlephException("Aleph X-Services did not answer the find request with a <find> element.");
        }
        Element find = finds.get(0);
        String error = childText(find, "error");
        if (error != null) {
            if (error.equals(EMPTY_SET)) {
                return Found.EMPTY;
            }
            throw new AlephException(error);
        }
        String setNumber = childText(find, "set_number");
        if (setNumber == null) {
            return Found.EMPTY;
        }
        return new Found(padSetNumber(setNumber), number(find, "no_records"), number(find, "no_entries"));
    }

    /** {@code op=present}: entry {@code entry} (from 1) of a found set, as the raw OAI-MARC answer. */
    String present(String setNumber, long entry) throws InterruptedException {
        String xml = text("present", "/X?op=present&set_number=" + encode(setNumber) + "&set_entry=" + entry);
        Document answer = parse("present", xml);
        String error = firstText(answer, "error");
        if (error != null && SafeXml.descendants(answer, "record").isEmpty()) {
            throw new AlephException(error);
        }
        return xml;
    }

    /**
     * {@code op=find_doc}: one document as the raw OAI-MARC answer; the library goes in as the base.
     *
     * @throws DocumentNotFoundException when X-Services cannot read the document
     * @throws InvalidAlephBaseException for any other error, usually a base that does not exist
     */
    String findDoc(String docNumber, String base) throws InterruptedException {
        String xml = text("find_doc", "/X?op=find_doc&doc_num=" + encode(docNumber) + "&base=" + encode(base));
        String error = firstText(parse("find_doc", xml), "error");
        if (error == null) {
            return xml;
        }
        if (error.contains(DOCUMENT_MISSING)) {
            throw new DocumentNotFoundException(error);
        }
        throw new InvalidAlephBaseException(error + "\nThe base you are trying to access probably doesn't exist.");
    }

    private Document fetch(String operation, String pathAndQuery) throws InterruptedException {
        return parse(operation, text(operation, pathAndQuery));
    }

    private String text(String operation, String pathAndQuery) throws InterruptedException {
        URI uri = URI.create(baseUrl + pathAndQuery);
        AlephHttp.Response response;
        try {
            response = http.get(uri);
        } catch (IOException e) {
            throw new AlephException("Aleph X-Services at " + baseUrl + " failed on op=" + operation + ": " + e, e);
        }
        if (response.status() / 100 != 2) {
            throw new AlephException("Aleph X-Services at " + baseUrl + " answered op=" + operation
                    + " with HTTP " + response.status() + ".");
        }
        return response.body();
    }

    private Document parse(String operation, String xml) {
        try {
            return SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new AlephException("Aleph X-Services answered op=" + operation + " with something that is not XML: "
                    + e.getMessage(), e);
        }
    }

    // The original zero-pads set numbers shorter than six digits.
    static String padSetNumber(String setNumber) {
        String digits = setNumber.strip();
        if (digits.matches("[0-9]{1,18}")) {
            digits = Long.toString(Long.parseLong(digits));
            return digits.length() < 6 ? "0".repeat(6 - digits.length()) + digits : digits;
        }
        return digits;
    }

    private static long number(Element find, String name) {
        String text = childText(find, name);
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AlephException("Aleph X-Services answered a non-numeric <" + name + ">: '" + text + "'.");
        }
    }

    private static String childText(Element parent, String name) {
        List<Element> children = SafeXml.descendants(parent, name);
        return children.isEmpty() ? null : children.get(0).getTextContent().strip();
    }

    private static String firstText(Document document, String name) {
        List<Element> elements = SafeXml.descendants(document, name);
        return elements.isEmpty() ? null : elements.get(0).getTextContent().strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

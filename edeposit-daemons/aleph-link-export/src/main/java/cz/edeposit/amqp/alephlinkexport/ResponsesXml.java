package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.marc.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.dom.DOMSource;

/** Reads Aleph's {@code responses.xml}: parsed without DTDs, validated against the result schema, or refused whole. */
final class ResponsesXml {

    /** A file that does not parse or fit the result schema; {@link #getMessage()} says why, for the log. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private ResponsesXml() {
    }

    /** The results in the file's order. */
    static List<LinkUpdateResponse> parse(byte[] content) throws Invalid {
        String text;
        try {
            // UTF-8 only, as the contract's examples: a string hides any other declared encoding from the parser.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid("it is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Document document;
        try {
            document = SafeXml.parse(text);
        } catch (SAXException e) {
            throw new Invalid("it is not well-formed XML: " + where(e));
        }
        try {
            Schemas.validate(Schemas.RESULT, new DOMSource(document));
        } catch (SAXException e) {
            throw new Invalid("it does not fit link_export_result.xsd: " + where(e));
        } catch (IOException e) {
            throw new Invalid("it cannot be validated: " + e.getMessage());
        }
        List<LinkUpdateResponse> results = new ArrayList<>();
        for (Element result : SafeXml.descendants(document, "result")) {
            String status = null;
            String reason = null;
            for (Element child : SafeXml.descendants(result, "status")) {
                status = child.getTextContent().strip();
            }
            for (Element child : SafeXml.descendants(result, "reason")) {
                reason = child.getTextContent();
            }
            String sessionId = result.hasAttribute("session_id") ? result.getAttribute("session_id") : null;
            results.add(new LinkUpdateResponse(status, sessionId, reason));
        }
        return results;
    }

    private static String where(SAXException e) {
        return e instanceof SAXParseException at && at.getLineNumber() > 0
                ? "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": " + e.getMessage()
                : String.valueOf(e.getMessage());
    }
}

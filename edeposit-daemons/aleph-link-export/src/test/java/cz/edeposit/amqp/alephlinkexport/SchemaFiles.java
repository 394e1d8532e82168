package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.marc.SafeXml;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * The two schemas of the jar, loaded by the JDK's validator as the daemon did before it checked its
 * documents by hand: the tests hold those checks to them.
 */
final class SchemaFiles {

    static final Schema NOTIFICATION = load("link_export_notification.xsd");
    static final Schema RESULT = load("link_export_result.xsd");

    private SchemaFiles() {
    }

    /** Validates {@code document} against {@code schema}, as the daemon did. */
    static void validate(Schema schema, Source document) throws SAXException, IOException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        validator.validate(document);
    }

    static void validateRequests(byte[] document) throws SAXException, IOException {
        validate(NOTIFICATION, new StreamSource(new ByteArrayInputStream(document)));
    }

    /**
     * The verdict of the daemon's former reading of responses.xml: parsed by SafeXml (no DTDs), then
     * validated; null when accepted, else the reason.
     */
    static String formerResponsesVerdict(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            validate(RESULT, new DOMSource(SafeXml.parse(text)));
            return null;
        } catch (SAXException | IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static Schema load(String name) {
        URL resource = SchemaFiles.class.getResource(name);
        try (InputStream in = resource.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, resource.toString()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("cannot load the schema " + name + ": " + e.getMessage(), e);
        }
    }
}

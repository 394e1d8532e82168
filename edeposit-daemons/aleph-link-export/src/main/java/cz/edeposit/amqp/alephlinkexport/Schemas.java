package cz.edeposit.amqp.alephlinkexport;

import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * The two schemas of the exchange with Aleph, shipped in this jar (docs/aleph_link_export.md,
 * "Files"): never fetched from anywhere, and validation never loads anything a document names.
 */
final class Schemas {

    static final String NOTIFICATION_NS = "http://edeposit-aplikace.nkp.cz/link_export_notification";
    static final String RESULT_NS = "http://edeposit-aplikace.nkp.cz/link_export_result";

    static final Schema NOTIFICATION = load("link_export_notification.xsd");
    static final Schema RESULT = load("link_export_result.xsd");

    private Schemas() {
    }

    /**
     * Validates {@code document} against {@code schema}.
     *
     * @throws SAXException with the first problem, its line and column
     */
    static void validate(Schema schema, Source document) throws SAXException, IOException {
        Validator validator = schema.newValidator(); // not thread-safe: one per document
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        validator.validate(document);
    }

    private static Schema load(String name) {
        URL resource = Schemas.class.getResource(name);
        if (resource == null) {
            throw new IllegalStateException(name + " is missing from the jar");
        }
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

package cz.edeposit.amqp.mods;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The MODS 3.4 schema of the Library of Congress, compiled once from the copies in this jar (with
 * the {@code xml.xsd} and {@code xlink.xsd} it imports), so that validation never touches the
 * network: every import is answered from the jar, and the factory may read nothing else.
 */
public final class ModsSchema {

    private static final String DIRECTORY = "schema/";

    /** What the schemas import, by the locations they name, to the copies in the jar. */
    private static final Map<String, String> IMPORTS = Map.of(
            "http://www.loc.gov/mods/xml.xsd", "xml.xsd",
            "http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd");

    private static final Schema SCHEMA = compile();

    /** A validator is not thread-safe, and making one costs about as much as a validation: one per thread. */
    private static final ThreadLocal<Validator> VALIDATOR = ThreadLocal.withInitial(ModsSchema::newValidator);

    private ModsSchema() {
    }

    /** The compiled schema; thread-safe, share it. */
    public static Schema schema() {
        return SCHEMA;
    }

    /**
     * Validates a MODS document.
     *
     * @throws InvalidModsException naming the first violation
     */
    public static void validate(Document document) {
        try {
            VALIDATOR.get().validate(new DOMSource(document));
        } catch (SAXException e) {
            throw new InvalidModsException("the MODS document breaks the MODS 3.4 schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidModsException("cannot validate the MODS document: " + e.getMessage(), e);
        }
    }

    private static Validator newValidator() {
        Validator validator = SCHEMA.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK validator cannot close external access", e);
        }
        return validator;
    }

    private static Schema compile() {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The resolver hands every import over as a stream, so no protocol needs to be open.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new JarResolver());
            URL main = resource("mods-3-4.xsd");
            return factory.newSchema(new StreamSource(main.openStream(), main.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the MODS 3.4 schema in the jar does not compile: " + e.getMessage(), e);
        }
    }

    private static URL resource(String name) {
        URL url = ModsSchema.class.getResource(DIRECTORY + name);
        if (url == null) {
            throw new IllegalStateException("the jar lacks " + DIRECTORY + name);
        }
        return url;
    }

    /** Answers the two known imports from the jar and refuses anything else. */
    private static final class JarResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                                       String baseUri) {
            String local = systemId == null ? null : IMPORTS.get(systemId);
            if (local == null) {
                throw new IllegalStateException("the MODS schema imports an unknown document: " + systemId);
            }
            URL url = resource(local);
            try {
                return new Input(url.openStream(), systemId, publicId);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }
    }

    /** A schema document given as a byte stream. */
    private record Input(InputStream byteStream, String systemId, String publicId) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return byteStream; }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}

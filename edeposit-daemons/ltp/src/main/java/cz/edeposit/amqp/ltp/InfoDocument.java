package cz.edeposit.amqp.ltp;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * The NDK {@code info} document of a package, built as a DOM, validated against our {@code info.xsd}
 * (the NDK's {@code info11.xsd} is not available offline) and written as UTF-8.
 *
 * @param created      when the package was made, written in UTC to the second
 * @param packageId    the publication's UUID
 * @param titleIds     type ({@code isbn}, {@code ccnb}, {@code urnnbn}) and value pairs, in that order
 * @param institution  the publisher, or null when the record names none
 * @param creator      910a, else the last 040d
 * @param sizeKib      the size of the package's files but the info file, in KiB rounded up
 * @param items        the {@code /}-rooted paths of the original and the MODS files
 * @param md5File      the {@code /}-rooted path of the MD5 file
 * @param md5OfMd5File the MD5 of the MD5 file, hex
 */
record InfoDocument(Instant created, String packageId, List<String[]> titleIds, String institution, String creator,
                    long sizeKib, List<String> items, String md5File, String md5OfMd5File) {

    static final String SCHEMA_LOCATION = "http://www.ndk.cz/standardy-digitalizace/info11.xsd";
    private static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Schema SCHEMA = compile();

    /** The document's bytes, after validation against {@code info.xsd}. */
    byte[] xml() {
        Document document = document();
        try {
            Validator validator = SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the info document breaks info.xsd (a bug): " + e.getMessage(), e);
        }
        StringWriter out = new StringWriter();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize the info document: " + e.getMessage(), e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The compiled {@code info.xsd}, for tests that check a written file. */
    static Schema schema() {
        return SCHEMA;
    }

    private Document document() {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot build an empty DOM", e);
        }
        Element info = document.createElement("info");
        info.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI_NS);
        info.setAttributeNS(XSI_NS, "xsi:noNamespaceSchemaLocation", SCHEMA_LOCATION);
        document.appendChild(info);
        add(info, "created", CREATED.format(created));
        add(info, "metadataversion", "1.0");
        add(info, "packageid", packageId);
        for (String[] titleId : titleIds) {
            add(info, "titleid", titleId[1]).setAttribute("type", titleId[0]);
        }
        add(info, "collection", "edeposit");
        if (institution != null && !institution.isBlank()) {
            add(info, "institution", institution);
        }
        add(info, "creator", creator);
        add(info, "size", Long.toString(sizeKib));
        Element itemList = add(info, "itemlist", null);
        itemList.setAttribute("itemtotal", Integer.toString(items.size()));
        for (String item : items) {
            add(itemList, "item", item);
        }
        Element checksum = add(info, "checksum", md5File);
        checksum.setAttribute("type", "MD5");
        checksum.setAttribute("checksum", md5OfMd5File);
        return document;
    }

    private static Element add(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    private static Schema compile() {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            URL xsd = InfoDocument.class.getResource("info.xsd");
            if (xsd == null) {
                throw new IllegalStateException("the jar lacks cz/edeposit/amqp/ltp/info.xsd");
            }
            return factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("info.xsd in the jar does not compile: " + e.getMessage(), e);
        }
    }
}

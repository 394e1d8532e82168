package cz.edeposit.amqp.mods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.Subfield;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The daemon does not validate each MODS document: the builder makes only valid ones ({@link ModsBuilder},
 * {@link ModsTypes}). These tests hold that to the MODS 3.4 schema in the jar ({@link ModsSchema}): every
 * document made from hostile random records validates once written and parsed again, record values reach
 * only {@code xs:string} attributes, and what XML 1.0 cannot carry is refused before a document is made.
 */
class ModsValidByConstructionTest {

    private static final int RECORDS = 400;

    @Test
    void everyDocumentMadeFromHostileRandomRecordsIsValid() {
        Random random = new Random(22);
        Map<String, Integer> attributes = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            MarcRecord record = HostileRecords.record(random);
            String uuid = random.nextBoolean() ? HostileRecords.value(random) : null;
            String url = random.nextBoolean() ? HostileRecords.value(random) : null;
            for (ModsDocument document : MarcToMods.convert(List.of(record, record), uuid, url)) {
                count(ModsAssert.valid(document.xml()).getDocumentElement(), attributes);
            }
        }
        // The attributes a record's values reach ($2 of 655, 6XX and 072; 003) came with hostile values.
        for (String attribute : List.of("genre@authority", "subject@authority", "classification@authority",
                "recordIdentifier@source")) {
            assertTrue(attributes.getOrDefault(attribute, 0) > 10, attribute + ": " + attributes);
        }
        for (String written : attributes.keySet()) {
            assertTrue(ModsTypes.FREE.contains(written) || ModsTypes.TYPED.containsKey(written)
                    || written.startsWith("mods@"), "an attribute ModsTypes does not list: " + written);
        }
    }

    @Test
    void everyTypedValueTheBuilderAllowsIsOneTheSchemaAllows() {
        for (Map.Entry<String, java.util.Set<String>> entry : ModsTypes.TYPED.entrySet()) {
            for (String value : entry.getValue()) {
                ModsAssert.valid(ModsWriter.write(minimal(entry.getKey(), value)));
            }
        }
    }

    @Test
    void everyFreeAttributeTakesAnyXmlText() {
        String hostile = " <&\"'>\t\n\r\u0085 \uD83D\uDCDA ]]> ";
        for (String attribute : ModsTypes.FREE) {
            ModsAssert.valid(ModsWriter.write(minimal(attribute, hostile)));
            ModsAssert.valid(ModsWriter.write(minimal(attribute, "")));
        }
    }

    @Test
    void aValueTheSchemaRestrictsIsRefusedAsTheMappingsBug() {
        ModsBuilder mods = new ModsBuilder("MODS_VOLUME_0001");
        assertThrows(InvalidModsException.class, () -> mods.topText("typeOfResource", "book"));
        assertThrows(InvalidModsException.class, () -> mods.attribute(mods.top("name"), "type", "family "));
        assertThrows(InvalidModsException.class, () -> mods.topText("note", "x", "lang", "cs"));
        assertThrows(InvalidModsException.class, () -> mods.attribute(mods.top("titleInfo"), "ID", "x"));
    }

    @Test
    void aCharacterXmlCannotCarryIsRefusedBeforeADocumentIsMade() {
        // A record read from XML 1.1 may hold these as references; JSON may send them in the uuid or url.
        for (String bad : List.of("a\u0001b", "a\u001Fb", "\uFFFE", "a\uD800b", "\uDC00", "x\u0000")) {
            MarcRecord title = record(new DataField("245", "1", "0", List.of(new Subfield("a", bad))));
            assertThrows(UnwritableValueException.class, () -> MarcToMods.convert(List.of(title), null, null));
            MarcRecord subject = record(new DataField("650", " ", "7",
                    List.of(new Subfield("a", "x"), new Subfield("2", bad))));
            assertThrows(UnwritableValueException.class, () -> MarcToMods.convert(List.of(subject), null, null));
            MarcRecord plain = record(new DataField("245", "1", "0", List.of(new Subfield("a", "Title"))));
            assertThrows(UnwritableValueException.class, () -> MarcToMods.convert(List.of(plain), bad, null));
            assertThrows(UnwritableValueException.class, () -> MarcToMods.convert(List.of(plain), null, "u" + bad));
        }
        MarcRecord unused = record(new DataField("999", " ", " ", List.of(new Subfield("a", "\u0001"))));
        assertEquals(1, MarcToMods.convert(List.of(unused), null, null).size(), "a value no mapping reads does not count");
    }

    private static MarcRecord record(DataField field) {
        return new MarcRecord("00000nam a2200000 i 4500", Map.of("001", "x1"), List.of(field), false);
    }

    /** A document holding {@code key} ({@code element@attribute}, or an element) with {@code value}, where the schema puts it. */
    private static Document minimal(String key, String value) {
        String[] parts = key.split("@");
        ModsBuilder mods = new ModsBuilder("MODS_VOLUME_0001");
        Element element = place(mods, parts[0], parts.length == 1 ? value : "text");
        if (parts.length == 2) {
            mods.attribute(element, parts[1], value);
        }
        return mods.document();
    }

    private static Element place(ModsBuilder mods, String name, String text) {
        return switch (name) {
            case "languageTerm" -> mods.text(mods.top("language"), name, "cze");
            case "namePart" -> mods.text(mods.top("name"), name, text);
            case "roleTerm" -> mods.text(mods.add(mods.top("name"), "role"), name, text);
            case "placeTerm" -> mods.text(mods.add(mods.top("originInfo"), "place"), name, "xr");
            case "issuance" -> mods.text(mods.top("originInfo"), name, text);
            case "form" -> mods.text(mods.top("physicalDescription"), name, text);
            case "recordContentSource", "recordCreationDate", "recordChangeDate", "recordIdentifier" ->
                    mods.text(mods.top("recordInfo"), name, text);
            case "relatedItem" -> {
                Element element = mods.top(name);
                mods.text(mods.add(element, "titleInfo"), "title", "text");
                yield element;
            }
            case "name", "titleInfo", "subject", "language" -> {
                Element element = mods.top(name);
                mods.text(element, switch (name) {
                    case "name" -> "namePart";
                    case "language" -> "languageTerm";
                    case "subject" -> "topic";
                    default -> "title";
                }, "text");
                yield element;
            }
            default -> mods.topText(name, text);
        };
    }

    private static void count(Element element, Map<String, Integer> attributes) {
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (attribute.getNamespaceURI() == null) {
                attributes.merge(element.getLocalName() + "@" + attribute.getName(), 1, Integer::sum);
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                count(child, attributes);
            }
        }
    }

}

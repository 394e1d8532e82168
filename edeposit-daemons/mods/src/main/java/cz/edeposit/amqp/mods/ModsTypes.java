package cz.edeposit.amqp.mods;

import java.util.Map;
import java.util.Set;

/**
 * What the MODS 3.4 schema lets each attribute and each typed element the mapping writes hold, so that
 * {@link ModsBuilder} makes only valid documents and the daemon need not run the validator on each one
 * (docs/marcxml2mods.md, "Valid by construction"). An attribute of {@link #FREE} is an {@code xs:string}
 * in the schema: a record's value may go there. Every other attribute, and the content of
 * {@code typeOfResource} and {@code issuance}, is restricted by the schema (an enumeration): only the
 * mapping's constants listed in {@link #TYPED} may go there, each one of the schema's values.
 * {@code ModsValidByConstructionTest} holds these tables to the schema in the jar.
 */
final class ModsTypes {

    /** {@code element@attribute} whose schema type is {@code xs:string}. */
    static final Set<String> FREE = Set.of("form@authority", "targetAudience@authority", "note@type",
            "genre@authority", "identifier@type", "language@objectPart", "roleTerm@authority",
            "recordContentSource@authority", "recordIdentifier@source", "subject@authority",
            "classification@authority");

    /** {@code element@attribute}, or an element for its content: the values the mapping writes there. */
    static final Map<String, Set<String>> TYPED = Map.ofEntries(
            Map.entry("identifier@invalid", Set.of("yes")),
            Map.entry("languageTerm@authority", Set.of("iso639-2b")),
            Map.entry("languageTerm@type", Set.of("code")),
            Map.entry("name@type", Set.of("personal", "corporate", "conference")),
            Map.entry("name@usage", Set.of("primary")),
            Map.entry("namePart@type", Set.of("date", "termsOfAddress")),
            Map.entry("roleTerm@type", Set.of("code", "text")),
            Map.entry("placeTerm@type", Set.of("code", "text")),
            Map.entry("placeTerm@authority", Set.of("marccountry")),
            Map.entry("recordCreationDate@encoding", Set.of("marc")),
            Map.entry("recordChangeDate@encoding", Set.of("iso8601")),
            Map.entry("relatedItem@type", Set.of("series", "otherVersion", "otherFormat")),
            Map.entry("titleInfo@type", Set.of("alternative")),
            Map.entry("typeOfResource", Set.of("text", "cartographic", "notated music", "sound recording-musical",
                    "sound recording-nonmusical", "still image", "moving image", "three dimensional object",
                    "software, multimedia", "mixed material")),
            Map.entry("issuance", Set.of("single unit", "multipart monograph")));

    private ModsTypes() {
    }

    /** Refuses a value the schema would refuse there: a mapping bug, never sent. */
    static void attribute(String element, String attribute, String value) {
        String key = element + "@" + attribute;
        if (!FREE.contains(key)) {
            typed(key, value);
        }
    }

    /** Refuses content the schema would refuse in {@code element}: a mapping bug, never sent. */
    static void content(String element, String text) {
        if (TYPED.containsKey(element)) {
            typed(element, text);
        }
    }

    private static void typed(String key, String value) {
        Set<String> allowed = TYPED.get(key);
        if (allowed == null) {
            throw new InvalidModsException("the MODS mapping writes " + key + ", which ModsTypes does not list");
        }
        if (!allowed.contains(value)) {
            throw new InvalidModsException("the MODS mapping writes '" + value + "' into " + key
                    + ", which takes only " + allowed);
        }
    }
}

package cz.edeposit.amqp.marcxml2mods;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.List;

/** The marcxml2mods structures as they travel on the wire (docs/marcxml2mods.md, "Messages"), and its decode allow-list. */
public final class Marcxml2modsMessages {

    /**
     * Convert the records of {@code marc_xml} (MARC XML or OAI-MARC text, never a path) to MODS.
     *
     * @param marcXml the records' XML text
     * @param uuid    the e-deposit identifier of the publication, written as {@code identifier type="uuid"}
     * @param url     where the publication is kept: the location when no 856 of the record gives one
     */
    public record ConversionRequest(@JsonProperty("marc_xml") String marcXml, String uuid, String url) {
    }

    /** One MODS 3.4 document per record, in record order, each starting with the XML declaration. */
    public record ConversionResponse(@JsonProperty("mods_files") List<String> modsFiles) {
    }

    /** The only structure a request to marcxml2mods may contain (calibre's {@code ConversionRequest} is another). */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(MessageType.of(ConversionRequest.class));

    private Marcxml2modsMessages() {
    }
}

package cz.edeposit.amqp.marc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Monograph metadata: what a search extracts from a record, and what the portal sends to export
 * (docs/aleph.md, "Extraction rules" and "Export"). Shared with the ftp module's metadata files.
 *
 * <p>Some fields are unions on the wire, so they are typed {@code Object}: in search results
 * {@code ISBN}, {@code url}, {@code ISBNSouboruPublikaci} and {@code internal_url} are lists of
 * strings, while the portal's export sends them as single strings; {@code autori} holds
 * {@link Author} records in search results and plain strings in an export.
 */
public record EPublication(
        @JsonProperty("ISBN") Object isbn,
        @JsonProperty("invalid_ISBN") List<String> invalidIsbn,
        @JsonProperty("id_number") String idNumber,
        String nazev,
        String podnazev,
        String vazba,
        String cena,
        String castDil,
        String nazevCasti,
        String nakladatelVydavatel,
        String datumVydani,
        String poradiVydani,
        String zpracovatelZaznamu,
        String format,
        Object url,
        String mistoVydani,
        @JsonProperty("ISBNSouboruPublikaci") Object isbnSouboruPublikaci,
        List<Object> autori,
        List<String> originaly,
        @JsonProperty("internal_url") Object internalUrl,
        String anotace) implements ParsedInfo {
}

package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.marc.EPublication;
import cz.edeposit.amqp.marc.Isbn;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the pairs of a metadata file into aleph's {@link EPublication}, as the original's monitor did: a key is
 * lower-cased and stripped of accents ({@code Místo vydání} is {@code misto vydani}) and names the field of the
 * first of its words that is a keyword. Eight keywords are required, four optional; the ISBN must be valid.
 */
final class FtpMonitorFields {

    /** Keywords, in the order the error log names the missing ones, and the fields they fill. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();
    private static final Map<String, String> OPTIONAL = new LinkedHashMap<>();

    static {
        REQUIRED.put("isbn", "ISBN");
        REQUIRED.put("vazba", "vazba");
        REQUIRED.put("nazev", "nazev");
        REQUIRED.put("misto", "mistoVydani");
        REQUIRED.put("nakladatel", "nakladatelVydavatel");
        REQUIRED.put("datum", "datumVydani");
        REQUIRED.put("poradi", "poradiVydani");
        REQUIRED.put("zpracovatel", "zpracovatelZaznamu");
        OPTIONAL.put("url", "url");
        OPTIONAL.put("format", "format");
        OPTIONAL.put("podnazev", "podnazev");
        OPTIONAL.put("cena", "cena");
    }

    private FtpMonitorFields() {
    }

    /**
     * The publication the pairs describe.
     *
     * @throws FtpMonitorMetadataParser.BadMetadata naming the missing keywords, or the invalid ISBN
     */
    static EPublication publication(Map<String, String> pairs) throws FtpMonitorMetadataParser.BadMetadata {
        Map<String, String> byKeyword = new HashMap<>();
        pairs.forEach((key, value) -> {
            String keyword = keyword(key);
            if (keyword != null && value != null && !value.isBlank()) {
                byKeyword.putIfAbsent(keyword, value.strip());
            }
        });
        List<String> missing = new ArrayList<>();
        REQUIRED.keySet().forEach(keyword -> {
            if (!byKeyword.containsKey(keyword)) {
                missing.add(keyword);
            }
        });
        if (!missing.isEmpty()) {
            throw new FtpMonitorMetadataParser.BadMetadata("missing keywords: " + String.join(", ", missing));
        }
        String isbn = byKeyword.get("isbn");
        if (!Isbn.isValid(isbn)) {
            throw new FtpMonitorMetadataParser.BadMetadata("the ISBN '" + isbn + "' is not valid");
        }
        return new EPublication(isbn, List.of(), null, byKeyword.get("nazev"), byKeyword.get("podnazev"),
                byKeyword.get("vazba"), byKeyword.get("cena"), null, null, byKeyword.get("nakladatel"),
                byKeyword.get("datum"), byKeyword.get("poradi"), byKeyword.get("zpracovatel"), byKeyword.get("format"),
                byKeyword.get("url"), byKeyword.get("misto"), List.of(), List.of(), List.of(), List.of(), null);
    }

    /** The keyword a key names: the first of its words that is one, or null. */
    static String keyword(String key) {
        String plain = Normalizer.normalize(key, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        for (String word : plain.split("[^a-z0-9]+")) {
            if (REQUIRED.containsKey(word) || OPTIONAL.containsKey(word)) {
                return word;
            }
        }
        return null;
    }
}

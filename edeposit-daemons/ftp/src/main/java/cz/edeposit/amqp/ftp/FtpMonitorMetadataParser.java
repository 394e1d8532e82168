package cz.edeposit.amqp.ftp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import cz.edeposit.amqp.marc.SafeXml;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a publisher's metadata file into its key/value pairs, by its suffix: JSON (an object, or a flat
 * {@code [k, v, k, v]} array), CSV ({@code key;value} lines, the separator sniffed among {@code ;} {@code ,} and
 * tab, quotes stripped), XML ({@code <root><item key="...">value</item></root>}, through {@link SafeXml}: no DTD)
 * and YAML (a mapping or a flat list). The file is UTF-8; the caller has checked its size.
 */
final class FtpMonitorMetadataParser {

    /** A metadata file that cannot be read; the message goes to the user's error log. */
    static final class BadMetadata extends Exception {
        BadMetadata(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).enable(CsvParser.Feature.TRIM_SPACES).build();

    private FtpMonitorMetadataParser() {
    }

    /** The format of a file name: {@code json}, {@code csv}, {@code xml} or {@code yaml}; empty for an e-book. */
    static Optional<String> format(String filename) {
        int dot = filename.lastIndexOf('.');
        String suffix = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (suffix) {
            case "json", "csv", "xml", "yaml" -> Optional.of(suffix);
            case "yml" -> Optional.of("yaml");
            default -> Optional.empty();
        };
    }

    /** The pairs of a metadata file named {@code filename}, in their order. */
    static Map<String, String> parse(String filename, byte[] data) throws BadMetadata {
        String format = format(filename).orElseThrow(() -> new BadMetadata("not a metadata file"));
        String text = utf8(data);
        try {
            return switch (format) {
                case "json" -> pairs(JSON.readTree(text));
                case "yaml" -> pairs(YAML.readTree(text));
                case "csv" -> csv(text);
                default -> xml(text);
            };
        } catch (BadMetadata bad) {
            throw bad;
        } catch (IOException | SAXException | RuntimeException unreadable) {
            throw new BadMetadata("cannot be read as " + format.toUpperCase(Locale.ROOT) + ": "
                    + firstLine(unreadable.getMessage()));
        }
    }

    private static String utf8(byte[] data) throws BadMetadata {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString()
                    .replaceFirst("^\uFEFF", "");
        } catch (CharacterCodingException notUtf8) {
            throw new BadMetadata("is not UTF-8 text");
        }
    }

    /** An object's fields, or a flat array's items taken two by two. */
    private static Map<String, String> pairs(JsonNode root) throws BadMetadata {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                pairs.put(field.getKey(), scalar(field.getValue()));
            }
        } else if (root != null && root.isArray() && root.size() % 2 == 0) {
            ArrayNode items = (ArrayNode) root;
            for (int i = 0; i < items.size(); i += 2) {
                pairs.put(scalar(items.get(i)), scalar(items.get(i + 1)));
            }
        } else {
            throw new BadMetadata("must hold a mapping of keys to values, or a flat list of keys and values");
        }
        return pairs;
    }

    private static String scalar(JsonNode value) throws BadMetadata {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            throw new BadMetadata("a value must be text or a number, not a list or a mapping");
        }
        return value.asText();
    }

    private static Map<String, String> csv(String text) throws IOException, BadMetadata {
        char separator = sniff(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"');
        Map<String, String> pairs = new LinkedHashMap<>();
        try (var rows = CSV.readerFor(String[].class).with(schema).<String[]>readValues(text)) {
            while (rows.hasNext()) {
                String[] row = rows.next();
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                if (row.length < 2) {
                    throw new BadMetadata("a CSV line must be key" + separator + "value: " + String.join("", row));
                }
                pairs.put(row[0], String.join(String.valueOf(separator), java.util.Arrays.copyOfRange(row, 1, row.length)));
            }
        }
        return pairs;
    }

    /** The separator of the first line: the first of {@code ;}, tab and {@code ,} that it holds. */
    private static char sniff(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        for (char candidate : new char[] {';', '\t', ','}) {
            if (first.indexOf(candidate) >= 0) {
                return candidate;
            }
        }
        return ';';
    }

    private static Map<String, String> xml(String text) throws SAXException, BadMetadata {
        Element root = SafeXml.parse(text).getDocumentElement();
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Element item : SafeXml.descendants(root, "item")) {
            if (!item.hasAttribute("key")) {
                throw new BadMetadata("an <item> without its key attribute");
            }
            pairs.put(item.getAttribute("key"), item.getTextContent());
        }
        return pairs;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

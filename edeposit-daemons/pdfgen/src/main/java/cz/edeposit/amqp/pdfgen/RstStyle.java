package cz.edeposit.amqp.pdfgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import cz.edeposit.amqp.codec.JsonTree;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What we honour of an rst2pdf JSON stylesheet: {@code pageSetup} (size, width, height, margins) and
 * the font sizes of the {@code base}/{@code normal}/{@code bodytext} and {@code heading1..6} styles.
 * Other keys are logged once per request and ignored; JSON that does not parse is a {@code ValueError}.
 */
record RstStyle(PageSetup page, float[] headingSizes) {

    private static final Logger log = LoggerFactory.getLogger(RstStyle.class);
    // A plain factory and core's JsonTree: an ObjectMapper would load the data binding for nothing.
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, float[]> SIZES = Map.of(
            "a3", new float[] {297, 420}, "a4", new float[] {210, 297}, "a5", new float[] {148, 210},
            "b5", new float[] {176, 250}, "letter", new float[] {215.9f, 279.4f}, "legal", new float[] {215.9f, 355.6f});

    /** A4, 10 pt text and headings of 18, 15, 13, 12, 11 and 10 pt. */
    static RstStyle defaults() {
        return new RstStyle(PageSetup.a4(), new float[] {18, 15, 13, 12, 11, 10});
    }

    float heading(int level) {
        return headingSizes[Math.min(level, headingSizes.length) - 1];
    }

    /** The style of an RST2PDF request; blank is the defaults. */
    static RstStyle parse(String style) {
        RstStyle defaults = defaults();
        if (style == null || style.isBlank()) {
            return defaults;
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(style)) {
            root = JsonTree.read(parser); // the first value; what follows it is ignored, as readTree did
        } catch (JsonProcessingException e) {
            throw new ValueError("style is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser of a string reads nothing that can fail
        }
        if (root == null || !root.isObject()) {
            throw new ValueError("style must be a JSON object (an rst2pdf stylesheet)");
        }
        TreeSet<String> ignored = new TreeSet<>();
        PageSetup page = defaults.page();
        float[] headings = defaults.headingSizes().clone();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("pageSetup")) {
                page = pageSetup(page, entry.getValue(), ignored);
            } else if (entry.getKey().equals("styles")) {
                page = styles(page, headings, entry.getValue(), ignored);
            } else {
                ignored.add(entry.getKey());
            }
        }
        if (!ignored.isEmpty()) {
            log.info("RST2PDF style: ignored {}", ignored);
        }
        return new RstStyle(page, headings);
    }

    private static PageSetup pageSetup(PageSetup page, JsonNode setup, TreeSet<String> ignored) {
        float width = page.width();
        float height = page.height();
        float[] margins = {page.top(), page.right(), page.bottom(), page.left()};
        for (Iterator<Map.Entry<String, JsonNode>> it = setup.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            switch (key) {
                case "size" -> {
                    float[] mm = SIZES.get(entry.getValue().asText().toLowerCase(Locale.ROOT));
                    if (mm == null) {
                        throw new ValueError("style: pageSetup.size must be one of " + new TreeSet<>(SIZES.keySet())
                                + ", not " + entry.getValue());
                    }
                    width = mm[0] * PageSetup.MM;
                    height = mm[1] * PageSetup.MM;
                }
                case "width" -> width = length(key, entry.getValue(), 72, 14_400);
                case "height" -> height = length(key, entry.getValue(), 72, 14_400);
                case "margin-top" -> margins[0] = length(key, entry.getValue(), 0, 2_000);
                case "margin-right" -> margins[1] = length(key, entry.getValue(), 0, 2_000);
                case "margin-bottom" -> margins[2] = length(key, entry.getValue(), 0, 2_000);
                case "margin-left" -> margins[3] = length(key, entry.getValue(), 0, 2_000);
                default -> ignored.add("pageSetup." + key);
            }
        }
        if (width - margins[1] - margins[3] < 72 || height - margins[0] - margins[2] < 72) {
            throw new ValueError("style: the margins leave less than 1 inch of the page for text");
        }
        return new PageSetup(width, height, margins[0], margins[1], margins[2], margins[3], page.fontSize());
    }

    private static PageSetup styles(PageSetup page, float[] headings, JsonNode styles, TreeSet<String> ignored) {
        PageSetup result = page;
        if (!styles.isArray()) {
            throw new ValueError("style: styles must be a list of [name, {properties}]");
        }
        for (JsonNode style : styles) {
            if (!style.isArray() || style.size() != 2 || !style.get(1).isObject()) {
                throw new ValueError("style: each of styles must be [name, {properties}], not " + style);
            }
            String name = style.get(0).asText();
            JsonNode size = style.get(1).get("fontSize");
            if (size != null && (name.equals("base") || name.equals("normal") || name.equals("bodytext"))) {
                result = result.withFontSize(length(name + ".fontSize", size, 4, 72));
            } else if (size != null && name.matches("heading[1-6]")) {
                headings[name.charAt(7) - '1'] = length(name + ".fontSize", size, 4, 144);
            } else {
                ignored.add("styles." + name);
            }
        }
        return result;
    }

    /** A length in points: a number, or text with pt, mm, cm or in. */
    static float length(String key, JsonNode value, float min, float max) {
        String text = value.asText().strip().toLowerCase(Locale.ROOT);
        float factor = 1;
        for (Map.Entry<String, Float> unit : Map.of("pt", 1f, "mm", PageSetup.MM, "cm", 10 * PageSetup.MM,
                "in", 72f).entrySet()) {
            if (text.endsWith(unit.getKey())) {
                factor = unit.getValue();
                text = text.substring(0, text.length() - unit.getKey().length()).strip();
            }
        }
        float points;
        try {
            points = Float.parseFloat(text) * factor;
        } catch (NumberFormatException e) {
            throw new ValueError("style: " + key + " must be a length such as 2cm, 20mm or 10pt, not " + value);
        }
        if (!(points >= min && points <= max)) {
            throw new ValueError("style: " + key + " must be from " + min + " to " + max + " pt, not " + value);
        }
        return points;
    }
}

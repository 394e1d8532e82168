package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code HARVESTER_SOURCES_FILE}: YAML (JSON is YAML too) with a {@code sources} list. Any mistake is one
 * {@link ConfigException} line naming the file and the source, so that the command exits 78 before fetching.
 */
final class HarvesterSources {

    /** A sources file is written by hand; anything bigger is a mistake, not a list of shops. */
    static final long MAX_FILE_BYTES = 1L << 20;
    static final int DEFAULT_MAX_PAGES = 10;
    static final int MAX_MAX_PAGES = 1_000;

    private static final Set<String> SELECTORS = Set.of("item", "title", "authors", "price", "isbn", "url",
            "description", "next");
    private static final Set<String> KEYS = Set.of("name", "type", "url", "publisher", "isbn_regex", "price_regex",
            "selectors", "max_pages");

    private HarvesterSources() {
    }

    static List<HarvesterSource> read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(file + ": is larger than 1 MiB; a sources file lists sources by hand");
            }
            try (InputStream in = Files.newInputStream(file)) {
                root = new YAMLMapper().readTree(in);
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read as YAML (" + firstLine(e.getMessage())
                    + "); set HARVESTER_SOURCES_FILE to a readable file with a 'sources' list");
        }
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            throw new ConfigException(file + ": has no 'sources' list; write 'sources:' followed by '- name: ...' items");
        }
        List<HarvesterSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            HarvesterSource source = source(file, i, list.get(i));
            if (!names.add(source.name())) {
                throw new ConfigException(file + ": source '" + source.name() + "': the name is used twice; names must differ");
            }
            sources.add(source);
        }
        return sources;
    }

    private static HarvesterSource source(Path file, int index, JsonNode node) {
        String label = "source " + (index + 1);
        if (node == null || !node.isObject()) {
            throw new ConfigException(file + ": " + label + ": must be a mapping with name, type, url and publisher");
        }
        String name = text(file, label, node, "name");
        String where = file + ": source '" + name + "': ";
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + "unknown key '" + key + "'; the keys are " + new java.util.TreeSet<>(KEYS));
            }
        });
        HarvesterSource.Type type = type(where, text(file, "source '" + name + "'", node, "type"));
        URI url = url(where, text(file, "source '" + name + "'", node, "url"));
        String publisher = text(file, "source '" + name + "'", node, "publisher");
        Map<String, String> selectors = selectors(where, type, node.get("selectors"));
        int maxPages = maxPages(where, node.get("max_pages"));
        return new HarvesterSource(name, type, url, publisher, selectors, regex(where, node, "isbn_regex"),
                regex(where, node, "price_regex"), maxPages);
    }

    private static String text(Path file, String label, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ConfigException(file + ": " + label + ": '" + key + "' is missing; it must be a non-empty text");
        }
        return value.asText().strip();
    }

    private static HarvesterSource.Type type(String where, String text) {
        try {
            return HarvesterSource.Type.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "unknown type '" + text + "'; use feed, onix or html");
        }
    }

    private static URI url(String where, String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // reported below, like any other bad address
        }
        throw new ConfigException(where + "url '" + text + "' must be an http or https address with a host"
                + " and no user name, such as https://publisher.example/novinky.xml");
    }

    private static Map<String, String> selectors(String where, HarvesterSource.Type type, JsonNode node) {
        if (type != HarvesterSource.Type.HTML) {
            if (node != null) {
                throw new ConfigException(where + "'selectors' belong to html sources only");
            }
            return Map.of();
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(where + "an html source needs 'selectors' with at least 'item' and 'title'");
        }
        Map<String, String> selectors = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (!SELECTORS.contains(entry.getKey()) || !entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new ConfigException(where + "selector '" + entry.getKey() + "' must be one of "
                        + new java.util.TreeSet<>(SELECTORS) + " with a CSS selector as text");
            }
            HtmlPages.selectorProblem(entry.getValue().asText()).ifPresent(problem -> {
                throw new ConfigException(where + "selector '" + entry.getKey() + "' is not a CSS selector jsoup reads ("
                        + firstLine(problem) + ")");
            });
            selectors.put(entry.getKey(), entry.getValue().asText());
        });
        if (!selectors.containsKey("item") || !selectors.containsKey("title")) {
            throw new ConfigException(where + "an html source needs 'selectors' with at least 'item' and 'title'");
        }
        return selectors;
    }

    private static int maxPages(String where, JsonNode node) {
        if (node == null) {
            return DEFAULT_MAX_PAGES;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > MAX_MAX_PAGES) {
            throw new ConfigException(where + "max_pages must be a whole number from 1 to " + MAX_MAX_PAGES);
        }
        return node.asInt();
    }

    private static Optional<Pattern> regex(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(value.asText()));
        } catch (PatternSyntaxException e) {
            throw new ConfigException(where + key + " is not a regular expression (" + firstLine(e.getDescription()) + ")");
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}

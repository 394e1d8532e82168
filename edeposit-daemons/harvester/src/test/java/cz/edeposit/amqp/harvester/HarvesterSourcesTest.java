package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's sources file: the shipped example reads, and each mistake is one line naming file and source. */
class HarvesterSourcesTest {

    @TempDir
    Path dir;

    private String refused(String yaml) throws Exception {
        Path file = dir.resolve("sources.yaml");
        Files.writeString(file, yaml);
        String message = assertThrows(ConfigException.class, () -> HarvesterSources.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertEquals(-1, message.indexOf('\n'), message);
        return message;
    }

    @Test
    void readsTheShippedExampleWithOneSourceOfEachType() {
        List<HarvesterSource> sources = HarvesterSources.read(Path.of("..", "config", "harvester-sources.example.yaml"));
        assertEquals(List.of(HarvesterSource.Type.FEED, HarvesterSource.Type.ONIX, HarvesterSource.Type.HTML),
                sources.stream().map(HarvesterSource::type).toList());
        HarvesterSource html = sources.get(2);
        assertEquals(URI.create("https://www.paseka.example/novinky/"), html.url());
        assertEquals("article.book", html.selectors().get("item"));
        assertEquals(5, html.maxPages());
        assertEquals("Argo", sources.get(0).publisher());
        assertTrue(sources.get(0).priceRegex().isPresent());
        assertEquals(HarvesterSources.DEFAULT_MAX_PAGES, sources.get(1).maxPages());
    }

    @Test
    void readsJsonBecauseJsonIsYaml() throws Exception {
        Path file = dir.resolve("sources.json");
        Files.writeString(file, "{\"sources\": [{\"name\": \"a\", \"type\": \"onix\", \"url\": \"http://127.0.0.1:8080/o.xml\","
                + " \"publisher\": \"A\"}]}");
        assertEquals("a", HarvesterSources.read(file).get(0).name());
    }

    @Test
    void namesTheSourceOfAnUnknownTypeAMissingUrlOrAForbiddenScheme() throws Exception {
        assertTrue(refused("sources:\n  - {name: x, type: pdf, url: 'http://a/', publisher: P}\n")
                .endsWith("source 'x': unknown type 'pdf'; use feed, onix or html"));
        assertTrue(refused("sources:\n  - {name: y, type: feed, publisher: P}\n")
                .endsWith("source 'y': 'url' is missing; it must be a non-empty text"));
        assertTrue(refused("sources:\n  - {name: z, type: feed, url: 'file:///etc/passwd', publisher: P}\n")
                .contains("source 'z': url 'file:///etc/passwd' must be an http or https address"));
        assertTrue(refused("sources:\n  - {name: u, type: feed, url: 'http://me:pw@a/', publisher: P}\n")
                .contains("source 'u': url"));
    }

    @Test
    void refusesHtmlWithoutItemAndTitleSelectorsABadRegexAndTwiceTheSameName() throws Exception {
        assertTrue(refused("sources:\n  - {name: h, type: html, url: 'http://a/', publisher: P, selectors: {title: h2}}\n")
                .contains("source 'h': an html source needs 'selectors' with at least 'item' and 'title'"));
        assertTrue(refused("sources:\n  - {name: r, type: feed, url: 'http://a/', publisher: P, price_regex: '(('}\n")
                .contains("source 'r': price_regex is not a regular expression"));
        assertTrue(refused("sources:\n  - {name: d, type: onix, url: 'http://a/', publisher: P}\n"
                + "  - {name: d, type: onix, url: 'http://b/', publisher: P}\n").contains("source 'd': the name is used twice"));
        assertTrue(refused("sources:\n  - {name: k, type: onix, url: 'http://a/', publisher: P, colour: red}\n")
                .contains("source 'k': unknown key 'colour'"));
        assertTrue(refused("sources:\n  - {name: s, type: html, url: 'http://a/', publisher: P, selectors: {item: 'div[', title: h2}}\n")
                .contains("source 's': selector 'item' is not a CSS selector jsoup reads"));
    }

    @Test
    void refusesAFileWithoutASourcesListOrNotYamlAtAll() throws Exception {
        assertTrue(refused("shops: []\n").contains("has no 'sources' list"));
        assertTrue(refused("sources: [unclosed\n").contains("cannot be read as YAML"));
    }
}

package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Atom 1.0 and RSS 2.0 feeds of new books. */
class FeedParserTest {

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <title>Novinky</title>
              <entry>
                <title>Krakatit</title>
                <link rel="alternate" href="/kniha/krakatit"/>
                <link rel="enclosure" href="/obalka.jpg"/>
                <author><name>Karel Čapek</name></author>
                <dc:identifier>urn:isbn:80-7185-123-X</dc:identifier>
                <summary>Román. Cena 349 Kč.</summary>
                <updated>2024-05-01T00:00:00Z</updated>
              </entry>
              <entry><summary>bez názvu</summary></entry>
            </feed>
            """;

    static final String RSS = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Novinky</title>
              <item>
                <title>Bílá nemoc</title>
                <link>https://shop.example/bila-nemoc</link>
                <dc:creator>Karel Čapek</dc:creator>
                <description><![CDATA[<p>Drama. ISBN 978-80-7203-150-4, cena 199 Kč</p>]]></description>
                <pubDate>Wed, 01 May 2024 00:00:00 GMT</pubDate>
              </item>
            </channel></rss>
            """;

    private static HarvesterSource source() {
        return new HarvesterSource("feed", HarvesterSource.Type.FEED, URI.create("https://shop.example/feed.xml"), "Argo",
                Map.of(), Optional.of(Pattern.compile("ISBN ([0-9Xx-]{10,17})")),
                Optional.of(Pattern.compile("([0-9]+) Kč")), 10);
    }

    private static List<Publication> parse(String xml, int expectedSkipped) throws Exception {
        List<Publication> books = new ArrayList<>();
        assertEquals(expectedSkipped, FeedParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                URI.create("https://shop.example/feed.xml"), source(), books::add));
        return books;
    }

    @Test
    void readsAnAtomEntryWithItsDcIdentifierAndSkipsOneWithoutATitle() throws Exception {
        Publication book = parse(ATOM, 1).get(0);
        assertEquals("Krakatit", book.title());
        assertEquals("349", book.price());
        assertEquals(List.of(new Author("Karel Čapek", null)), book.authors());
        assertEquals("9788071851233", book.optionals().isbn());
        assertEquals("https://shop.example/kniha/krakatit", book.optionals().url());
        assertEquals("2024-05-01T00:00:00Z", book.optionals().pubDate());
    }

    @Test
    void readsAnRssItemWithTheIsbnAndPriceFoundByTheSourcesPatterns() throws Exception {
        Publication book = parse(RSS, 0).get(0);
        assertEquals("Bílá nemoc", book.title());
        assertEquals("199", book.price());
        assertEquals("Argo", book.publisher());
        assertEquals(List.of(new Author("Karel Čapek", null)), book.authors());
        assertEquals("9788072031504", book.optionals().isbn());
        assertEquals("https://shop.example/bila-nemoc", book.optionals().url());
        assertEquals("<p>Drama. ISBN 978-80-7203-150-4, cena 199 Kč</p>", book.optionals().description());
    }
}

package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shop's "new books" page read with the operator's selectors. */
class HtmlPagesTest {

    static final Map<String, String> SELECTORS = Map.of("item", "article.book", "title", "h2", "authors", ".author",
            "price", ".price", "isbn", ".isbn", "url", "a.detail", "description", ".annotation", "next", "a[rel=next]");

    static String page(String next, String... titles) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"windows-1250\"></head><body>");
        for (String title : titles) {
            html.append("<article class=book><h2>").append(title).append("</h2>")
                    .append("<a class=author href=\"/autori/capek\">Karel Čapek</a>")
                    .append("<span class=price>299 Kč</span>")
                    // Only this book has an ISBN: the others are told apart by their titles.
                    .append(title.equals("Žlutý kůň") ? "<span class=isbn>ISBN 80-7185-123-X</span>" : "")
                    .append("<a class=detail href=\"kniha/").append(title.length()).append("\">detail</a>")
                    .append("<div class=annotation><p onclick=\"evil()\">Nová <b>kniha</b> <script>x()</script></p></div>")
                    .append("</article>");
        }
        html.append("<article class=book><h2> </h2></article>");
        if (next != null) {
            html.append("<a rel=next href=\"").append(next).append("\">další</a>");
        }
        return html.append("</body></html>").toString();
    }

    private static HarvesterSource source() {
        return new HarvesterSource("shop", HarvesterSource.Type.HTML, URI.create("http://shop.example/novinky/"), "Paseka",
                SELECTORS, Optional.empty(), Optional.empty(), 3);
    }

    @Test
    void readsEveryItemInThePagesOwnCharsetWithLinksResolvedAndTheDescriptionCleaned() throws Exception {
        byte[] body = page("?strana=2", "Žlutý kůň").getBytes(Charset.forName("windows-1250"));
        HtmlPages.Page page = HtmlPages.parse(body, URI.create("http://shop.example/novinky/"), source());
        assertEquals(1, page.skipped(), "the item without a title");
        Publication book = page.books().get(0);
        assertEquals("Žlutý kůň", book.title());
        assertEquals("299 Kč", book.price());
        assertEquals("Paseka", book.publisher());
        assertEquals(List.of(new Author("Karel Čapek", "http://shop.example/autori/capek")), book.authors());
        assertEquals("9788071851233", book.optionals().isbn());
        assertEquals("http://shop.example/novinky/kniha/9", book.optionals().url());
        assertEquals("<p>Nová <b>kniha</b></p>", book.optionals().description());
        assertEquals(Optional.of(URI.create("http://shop.example/novinky/?strana=2")), page.next());
    }

    @Test
    void followsNoNextLinkThatIsNotHttp() throws Exception {
        byte[] body = page("javascript:alert(1)", "A").getBytes(StandardCharsets.UTF_8);
        assertTrue(HtmlPages.parse(body, URI.create("http://shop.example/"), source()).next().isEmpty());
    }

    @Test
    void namesASelectorJsoupCannotRead() {
        assertTrue(HtmlPages.selectorProblem("article[").isPresent());
        assertTrue(HtmlPages.selectorProblem("article.book > h2").isEmpty());
    }
}

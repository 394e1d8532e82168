package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Selector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one page of an {@code html} source with the operator's CSS selectors: every {@code item} is a book whose
 * fields are found inside it; links are resolved against the page, descriptions cleaned to a safe list of tags.
 */
final class HtmlPages {

    /** The books of a page, and the next page when the {@code next} selector finds an http or https link. */
    record Page(List<Publication> books, int skipped, Optional<URI> next) {
    }

    private HtmlPages() {
    }

    /** Whether {@code selector} is a CSS selector jsoup accepts; checked when the sources file is read. */
    static Optional<String> selectorProblem(String selector) {
        try {
            org.jsoup.select.QueryParser.parse(selector);
            return Optional.empty();
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return Optional.of(e.getMessage() == null ? "not a CSS selector" : e.getMessage());
        }
    }

    static Page parse(byte[] body, URI url, HarvesterSource source) throws IOException {
        // No charset given: jsoup takes it from the BOM or <meta charset>, else UTF-8.
        Document page = Jsoup.parse(new ByteArrayInputStream(body), null, url.toString());
        List<Publication> books = new ArrayList<>();
        int skipped = 0;
        for (Element item : page.select(source.selectors().get("item"))) {
            String title = text(item, source, "title");
            if (title.isEmpty()) {
                skipped++;
                continue;
            }
            List<Author> authors = new ArrayList<>();
            if (source.selectors().containsKey("authors")) {
                for (Element author : item.select(source.selectors().get("authors"))) {
                    String link = author.hasAttr("href") ? author.absUrl("href") : "";
                    if (!author.text().isBlank()) {
                        authors.add(new Author(author.text().strip(), link.isEmpty() ? null : link));
                    }
                }
            }
            String isbn = text(item, source, "isbn");
            String link = first(item, source, "url").map(e -> e.absUrl("href")).filter(s -> !s.isEmpty()).orElse(null);
            String description = first(item, source, "description")
                    .map(e -> Jsoup.clean(e.html(), Safelist.basic().removeTags("a"))).filter(s -> !s.isBlank()).orElse(null);
            Optionals optionals = new Optionals(null, null, null, null, isbn.isEmpty() ? null
                    : HarvesterKeys.isbn13(isbn).orElse(isbn), description, null, null, null, null, link, null, false);
            books.add(new Publication(title, text(item, source, "price"), source.publisher(), authors, optionals.orNull()));
        }
        return new Page(books, skipped, next(page, source));
    }

    private static Optional<URI> next(Document page, HarvesterSource source) {
        if (!source.selectors().containsKey("next")) {
            return Optional.empty();
        }
        Element link = page.selectFirst(source.selectors().get("next"));
        String href = link == null ? "" : link.absUrl("href");
        if (!href.startsWith("http://") && !href.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(href));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Element> first(Element item, HarvesterSource source, String field) {
        String selector = source.selectors().get(field);
        return selector == null ? Optional.empty() : Optional.ofNullable(item.selectFirst(selector));
    }

    private static String text(Element item, HarvesterSource source, String field) {
        return first(item, source, field).map(e -> e.text().strip()).orElse("");
    }
}

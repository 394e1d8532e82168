package cz.edeposit.amqp.harvester;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source of the operator's sources file (docs/harvester.md, "Sources").
 *
 * @param name       the operator's name for it, used in logs and error lines
 * @param type       how its document is read
 * @param url        where it is fetched from: http or https only
 * @param publisher  the publisher of records that name none
 * @param selectors  for {@code html}: the CSS selectors by field ({@code item}, {@code title}, ...); empty otherwise
 * @param isbnRegex  for {@code feed}: finds an ISBN in the summary when no {@code dc:identifier} gives one
 * @param priceRegex for {@code feed}: finds the price in the summary (group 1 when the pattern has one)
 * @param maxPages   for {@code html}: how many pages the {@code next} selector is followed to, the first included
 */
record HarvesterSource(String name, Type type, URI url, String publisher, Map<String, String> selectors,
                       Optional<Pattern> isbnRegex, Optional<Pattern> priceRegex, int maxPages) {

    /** The kinds of source the harvester reads. */
    enum Type {
        /** Atom 1.0 and RSS 0.9x to 2.0. */
        FEED,
        /** ONIX for Books 3.0, reference or short tags. */
        ONIX,
        /** A shop's "new books" pages, read with the operator's CSS selectors. */
        HTML
    }

    HarvesterSource {
        selectors = Map.copyOf(selectors);
    }
}

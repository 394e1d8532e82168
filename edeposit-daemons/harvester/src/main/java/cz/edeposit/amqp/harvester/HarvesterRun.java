package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.wire.WireHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run: every source fetched and parsed (a failing source is logged, gives nothing, and the others go on), the
 * books already announced dropped (across runs and within this one) and, with {@code USE_ALEPH_FILTER}, those Aleph
 * holds; one {@code Publications} published, and only once the broker confirmed it, the duplicate cache and the HTTP
 * validators saved. The new books wait in a {@link BookSpool}, not in the heap.
 */
final class HarvesterRun {

    static final int OK = 0;
    static final int NOT_DELIVERED = 1;
    static final int PARTLY = 75;

    private static final Logger LOG = LoggerFactory.getLogger(HarvesterRun.class);

    /** How the run ends: publish, or print the JSON and publish and remember nothing. */
    enum Mode { HARVEST, DRY_RUN, UNITTEST }

    private final HarvesterSettings settings;
    private final List<HarvesterSource> sources;
    private final HarvesterFetcher fetcher;
    private final HarvesterPublisher publisher;
    private final PrintStream out;
    private final AlephFilter aleph;

    /** {@code aleph} is null when {@code USE_ALEPH_FILTER} is off. */
    HarvesterRun(HarvesterSettings settings, List<HarvesterSource> sources, HarvesterPublisher publisher, PrintStream out,
                 AlephFilter aleph) {
        this.settings = settings;
        this.sources = List.copyOf(sources);
        this.fetcher = new HarvesterFetcher(settings);
        this.publisher = publisher;
        this.out = out;
        this.aleph = aleph;
    }

    int run(Mode mode) throws IOException, InterruptedException {
        if (mode == Mode.UNITTEST) {
            return selfTest();
        }
        HarvesterValidators validators = HarvesterValidators.open(settings.stateDir());
        HarvesterDupCache cache = settings.useDupFilter() ? HarvesterDupCache.open(settings.dupFilterFile()) : null;
        try (BookSpool spool = new BookSpool()) {
            Set<String> seen = new HashSet<>();
            boolean failed = false;
            for (HarvesterSource source : sources) {
                int mark = spool.size();
                Set<String> added = new HashSet<>();
                try {
                    harvest(source, validators, book -> {
                        String key = HarvesterKeys.key(book);
                        if (seen.contains(key) || cache != null && cache.known(book)) {
                            return;
                        }
                        seen.add(key);
                        added.add(key);
                        try {
                            spool.add(book);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (IOException | XMLStreamException | UnsupportedOperationException | UncheckedIOException e) {
                    // A source that fails gives nothing, not the books parsed before the failure.
                    spool.truncate(mark);
                    seen.removeAll(added);
                    failed = true;
                    LOG.warn("source '{}' ({}) failed: {}", source.name(), source.url(), e.getMessage());
                }
            }
            return finish(mode, spool, cache, validators, failed);
        }
    }

    /** The Aleph filter, then the message printed (dry run) or published, then the cache and validators saved. */
    private int finish(Mode mode, BookSpool spool, HarvesterDupCache cache, HarvesterValidators validators,
                       boolean failed) throws IOException, InterruptedException {
        List<BookSpool.Entry> entries = spool.entries();
        List<Publication> inAleph = new ArrayList<>();
        if (aleph != null) {
            AlephChecks checks = new AlephChecks(aleph);
            Set<Publication> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            kept.addAll(checks.newOnly(entries.stream().map(BookSpool.Entry::book).toList(), inAleph));
            entries = entries.stream().filter(entry -> kept.contains(entry.book())).toList();
            failed |= checks.failed();
        }
        List<Publication> books = entries.stream().map(BookSpool.Entry::book).toList();
        if (mode == Mode.DRY_RUN) {
            if (books.isEmpty()) {
                out.println("{}");
            } else {
                spool.writeMessage(entries, out);
                out.println();
            }
            return failed ? PARTLY : OK;
        }
        if (!books.isEmpty()) {
            byte[] body = spool.message(entries);
            if (!publisher.publish(body, WireHeaders.JSON)) {
                LOG.error("the broker did not take the {} new books (returned, nacked or not confirmed);"
                        + " nothing is remembered, the next run sends them again", books.size());
                return NOT_DELIVERED;
            }
            LOG.info("published {} new books ({} bytes)", books.size(), body.length);
        } else {
            LOG.info("nothing new");
        }
        if (cache != null && !(books.isEmpty() && inAleph.isEmpty())) {
            // Books the catalogue holds are remembered too, so that the next run does not ask about them again.
            List<Publication> remembered = new ArrayList<>(books);
            remembered.addAll(inAleph);
            cache.rememberAndSave(remembered);
        }
        validators.save();
        return failed ? PARTLY : OK;
    }

    /**
     * {@code --unittest}: every source fetched (unconditionally) and parsed, and each must give at least one book.
     * On a failure, the exception-shaped message of wire-protocol §4.9 ({@code UserWarning} naming the failed
     * sources) goes to the portal's queue, and the exit is 1; nothing is remembered either way.
     */
    private int selfTest() throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (HarvesterSource source : sources) {
            try {
                if (harvest(source, HarvesterValidators.none(settings.stateDir()), book -> { }) == 0) {
                    failures.add("source '" + source.name() + "': no books found");
                }
            } catch (IOException | XMLStreamException | UnsupportedOperationException e) {
                failures.add("source '" + source.name() + "': " + e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            out.println("all " + sources.size() + " sources read");
            return OK;
        }
        cz.edeposit.amqp.wire.UserWarning error = new cz.edeposit.amqp.wire.UserWarning(String.join("; ", failures));
        failures.forEach(failure -> LOG.error("self-test: {}", failure));
        java.util.Map<String, Object> headers = new java.util.HashMap<>();
        headers.put(WireHeaders.EXCEPTION, error.getMessage());
        headers.put(WireHeaders.EXCEPTION_TYPE, cz.edeposit.amqp.wire.PythonTypes.exceptionType(error));
        headers.put(WireHeaders.EXCEPTION_NAME, cz.edeposit.amqp.wire.PythonTypes.exceptionName(error));
        headers.put(WireHeaders.TRACEBACK, "edeposit-harvester --unittest\n" + String.join("\n", failures));
        if (!publisher.publish(error.getMessage().getBytes(StandardCharsets.UTF_8), WireHeaders.TEXT, headers)) {
            LOG.error("the self-test's failure message was not delivered either");
        }
        return NOT_DELIVERED;
    }

    /** Every book of the source, handed to {@code sink} as it is parsed; the validator kept for a later save. */
    private int harvest(HarvesterSource source, HarvesterValidators validators, Consumer<Publication> sink)
            throws IOException, InterruptedException, XMLStreamException {
        HarvesterFetcher.Fetched fetched = fetcher.fetch(source.url(), validators.get(source.url()));
        if (fetched.notModified()) {
            LOG.info("source '{}': not modified since the last run", source.name());
            return 0;
        }
        int[] count = {0};
        Consumer<Publication> counted = book -> {
            count[0]++;
            sink.accept(book);
        };
        int skipped;
        try (fetched; InputStream in = fetched.open()) {
            if (source.type() == HarvesterSource.Type.ONIX) {
                skipped = OnixParser.parse(in, source.publisher(), counted);
            } else if (source.type() == HarvesterSource.Type.FEED) {
                skipped = FeedParser.parse(in, source.url(), source, counted);
            } else {
                skipped = htmlPages(source, in.readAllBytes(), counted);
            }
        }
        LOG.info("source '{}': {} books, {} skipped", source.name(), count[0], skipped);
        validators.put(source.url(), fetched.validator());
        return count[0];
    }

    /** The first page and the {@code next} pages after it, up to {@code max_pages}, each page once. */
    private int htmlPages(HarvesterSource source, byte[] first, Consumer<Publication> books)
            throws IOException, InterruptedException {
        java.net.URI url = source.url();
        Set<java.net.URI> visited = new HashSet<>();
        byte[] body = first;
        int skipped = 0;
        for (int page = 1; ; page++) {
            visited.add(url);
            HtmlPages.Page read = HtmlPages.parse(body, url, source);
            read.books().forEach(books);
            skipped += read.skipped();
            if (read.next().isEmpty() || page >= source.maxPages() || visited.contains(read.next().get())) {
                return skipped;
            }
            url = read.next().get();
            try (HarvesterFetcher.Fetched next = fetcher.fetch(url, java.util.Optional.empty())) {
                body = next.body();
            }
        }
    }
}

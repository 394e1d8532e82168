package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One run's Aleph checks: each new book asked about in turn. A book whose check fails (a time-out, an exception
 * reply, no aleph daemon) is neither sent nor remembered, and the run exits 75; after {@link #GIVE_UP} failures in a
 * row the catalogue is taken to be down and the remaining books are not asked about (nor sent) in this run, so that
 * a dead catalogue costs minutes, not {@code ALEPH_FILTER_TIMEOUT} for every book.
 */
final class AlephChecks {

    static final int GIVE_UP = 3;
    private static final Logger LOG = LoggerFactory.getLogger(AlephChecks.class);

    private final AlephFilter filter;
    private int failures;

    AlephChecks(AlephFilter filter) {
        this.filter = filter;
    }

    /** The books the catalogue does not hold; those it holds are added to {@code inCatalogue}. */
    List<Publication> newOnly(List<Publication> books, List<Publication> inCatalogue) throws InterruptedException {
        List<Publication> kept = new ArrayList<>();
        int inRow = 0;
        for (int i = 0; i < books.size(); i++) {
            Publication book = books.get(i);
            if (inRow >= GIVE_UP) {
                LOG.warn("the Aleph check failed {} times in a row: {} more books are neither sent nor remembered"
                        + " in this run", GIVE_UP, books.size() - i);
                failures += books.size() - i;
                break;
            }
            try {
                if (filter.inCatalogue(book)) {
                    LOG.info("'{}' is in Aleph already: not sent", book.title());
                    inCatalogue.add(book);
                } else {
                    kept.add(book);
                }
                inRow = 0;
            } catch (AlephFilter.AlephCheckFailed e) {
                failures++;
                inRow++;
                LOG.warn("the Aleph check of '{}' failed, the book is neither sent nor remembered: {}", book.title(),
                        e.getMessage());
            }
        }
        return kept;
    }

    /** Whether any book could not be checked. */
    boolean failed() {
        return failures > 0;
    }
}

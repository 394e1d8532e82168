package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.aleph.AlephQuery.DocumentQuery;
import cz.edeposit.amqp.aleph.AlephQuery.FieldSearch;
import cz.edeposit.amqp.aleph.AlephQuery.GenericQuery;
import cz.edeposit.amqp.aleph.AlephReply.CountResult;
import cz.edeposit.amqp.aleph.AlephReply.SearchResult;
import cz.edeposit.amqp.wire.ValueError;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers searches and counts for every query structure, through X-Services. */
final class AlephSearch {

    private static final Logger LOG = LoggerFactory.getLogger(AlephSearch.class);

    private final XServices xServices;
    private final AlephSettings settings;

    AlephSearch(XServices xServices, AlephSettings settings) {
        this.xServices = xServices;
        this.settings = settings;
    }

    /** Up to {@code ALEPH_MAX_RECORDS} records; a deleted one fails the whole search, as in the original. */
    SearchResult search(AlephQuery query) throws InterruptedException {
        if (query instanceof DocumentQuery document) {
            String library = library(document);
            String xml = xServices.findDoc(docId(document), library);
            return new SearchResult(List.of(AlephRecords.fromFindDoc(library, document.docId(), xml)));
        }
        FieldSearch search = (FieldSearch) query;
        String base = base(search);
        XServices.Found found = find(search, base);
        long count = Math.min(found.noRecords(), settings.maxRecords());
        List<AlephRecord> records = new ArrayList<>();
        for (long entry = 1; entry <= count; entry++) {
            String xml = xServices.present(found.setNumber(), entry);
            records.add(AlephRecords.fromPresent(base, settings.defaultLibrary(), xml));
        }
        LOG.info("search {}={} in {}: {} found, {} returned", search.field(), search.phrase(), base,
                found.noRecords(), records.size());
        return new SearchResult(records);
    }

    /** The catalogue's count; for a {@code DocumentQuery}, 1 when the document can be read and 0 when not. */
    CountResult count(AlephQuery query) throws InterruptedException {
        if (query instanceof DocumentQuery) {
            try {
                search(query);
                return new CountResult(1L);
            } catch (DocumentNotFoundException e) {
                return new CountResult(0L);
            }
        }
        FieldSearch search = (FieldSearch) query;
        return new CountResult(find(search, base(search)).noEntries());
    }

    private XServices.Found find(FieldSearch search, String base) throws InterruptedException {
        String field = search instanceof GenericQuery ? SearchFields.require(search.field()) : search.field();
        if (search.phrase() == null) {
            throw new ValueError(search.getClass().getSimpleName() + " needs a phrase to search for, not null");
        }
        return xServices.find(base, field, search.phrase());
    }

    private String base(FieldSearch search) {
        return search.base() == null ? settings.defaultBase() : search.base();
    }

    private String library(DocumentQuery query) {
        return query.library() == null ? settings.defaultLibrary() : query.library();
    }

    private static String docId(DocumentQuery query) {
        if (query.docId() == null) {
            throw new ValueError("DocumentQuery.doc_id must be a string, not null");
        }
        return query.docId();
    }
}

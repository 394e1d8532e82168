package cz.edeposit.amqp.alephlinkexport;

import java.util.List;

/**
 * One pending request as the store keeps it and {@code requests.xml} shows it: checked, with empty
 * optional values as {@code null} (the store's JSON: {@link StoreJson}).
 *
 * @param urls one or more document URLs, in the request's order
 */
record ExportRecord(String sessionId, String uuid, String docNumber, List<Link> urls, String urnNbn, String krameriusUrl) {

    ExportRecord {
        urls = List.copyOf(urls);
    }

    /** A document URL and its format, {@code null} when the client did not say. */
    record Link(String url, String format) {
    }
}

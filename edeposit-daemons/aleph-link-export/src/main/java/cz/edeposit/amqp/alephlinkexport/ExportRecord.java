package cz.edeposit.amqp.alephlinkexport;

import java.util.List;
import java.util.Objects;

/**
 * One pending request as the store keeps it and {@code requests.xml} shows it: checked, with empty
 * optional values as {@code null} (the store's JSON: {@link StoreJson}).
 *
 * <p>{@code equals} and {@code hashCode} are written out, with the meaning a record's own have: those
 * of a record are bound at their first call through method handles (ObjectMethods), which spins some
 * twenty hidden classes in a JVM that serves requests for weeks; every request compares and hashes these.
 *
 * @param urls one or more document URLs, in the request's order
 */
record ExportRecord(String sessionId, String uuid, String docNumber, List<Link> urls, String urnNbn, String krameriusUrl) {

    ExportRecord {
        urls = List.copyOf(urls);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExportRecord that && Objects.equals(sessionId, that.sessionId) && Objects.equals(uuid, that.uuid)
                && Objects.equals(docNumber, that.docNumber) && urls.equals(that.urls) && Objects.equals(urnNbn, that.urnNbn)
                && Objects.equals(krameriusUrl, that.krameriusUrl);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hashCode(sessionId);
        hash = 31 * hash + Objects.hashCode(uuid);
        hash = 31 * hash + Objects.hashCode(docNumber);
        hash = 31 * hash + urls.hashCode();
        hash = 31 * hash + Objects.hashCode(urnNbn);
        return 31 * hash + Objects.hashCode(krameriusUrl);
    }

    /** A document URL and its format, {@code null} when the client did not say. */
    record Link(String url, String format) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Link that && Objects.equals(url, that.url) && Objects.equals(format, that.format);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(url) + Objects.hashCode(format);
        }
    }
}

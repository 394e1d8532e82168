package cz.edeposit.amqp.alephlinkexport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One pending request as the store keeps it and {@code requests.xml} shows it: checked, with empty
 * optional values as {@code null}.
 *
 * @param urls one or more document URLs, in the request's order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExportRecord(@JsonProperty("session_id") String sessionId, String uuid,
                    @JsonProperty("doc_number") String docNumber, List<Link> urls,
                    @JsonProperty("urn_nbn") String urnNbn, @JsonProperty("kramerius_url") String krameriusUrl) {

    ExportRecord {
        urls = List.copyOf(urls);
    }

    /** A document URL and its format, {@code null} when the client did not say. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Link(String url, String format) {
    }
}

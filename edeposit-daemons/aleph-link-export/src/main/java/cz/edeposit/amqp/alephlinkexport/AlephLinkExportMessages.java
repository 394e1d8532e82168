package cz.edeposit.amqp.alephlinkexport;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.wire.PythonTypes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The aleph_link_export structures as they travel on the wire (docs/aleph_link_export.md, "Messages"),
 * and its decode allow-list.
 */
public final class AlephLinkExportMessages {

    /** A document URL with its format ({@code "pdf"}, {@code "epub"}); either may be {@code null} on the wire. */
    public record LinkDescription(String url, String format) {
    }

    /**
     * Tells Aleph the new links of the record {@code doc_number}; answered, like {@link StatusRequest},
     * by every {@link LinkUpdateResponse} collected since the last reply.
     *
     * @param documentUrls URL strings or {@link LinkDescription}s; a bare string or a bare description
     *                     counts as a one-item list, as the original's constructor wrapped it, and
     *                     {@code null} as none
     * @param sessionId    the client's key of this request: its result carries it back
     */
    public record LinkUpdateRequest(String uuid, @JsonProperty("doc_number") String docNumber,
                                    @JsonProperty("document_urls") Object documentUrls,
                                    @JsonProperty("kramerius_url") String krameriusUrl,
                                    @JsonProperty("urn_nbn") String urnNbn,
                                    @JsonProperty("session_id") String sessionId) {

        public LinkUpdateRequest {
            documentUrls = urlList(documentUrls);
        }

        /** The document URLs, each a {@link String} or a {@link LinkDescription}. */
        @SuppressWarnings("unchecked")
        public List<Object> urls() {
            return (List<Object>) documentUrls;
        }

        private static List<Object> urlList(Object value) {
            if (value == null) {
                return List.of();
            }
            if (value instanceof String || value instanceof LinkDescription) {
                return List.of(value);
            }
            if (!(value instanceof List<?> items)) {
                throw new IllegalArgumentException("document_urls must be a list of URL strings or LinkDescriptions, not "
                        + PythonTypes.name(value));
            }
            List<Object> urls = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (!(item instanceof String || item instanceof LinkDescription)) {
                    throw new IllegalArgumentException("document_urls[" + i + "] must be a URL string or a LinkDescription,"
                            + " not " + PythonTypes.name(item));
                }
                urls.add(item);
            }
            return Collections.unmodifiableList(urls);
        }
    }

    /** Asks only for the results collected since the last reply. */
    public record StatusRequest() {
    }

    /**
     * Aleph's answer to one {@link LinkUpdateRequest}, paired with it by {@code session_id}.
     *
     * @param status {@code "OK"} or {@code "ERROR"}
     * @param reason Aleph's explanation, or {@code null}
     */
    public record LinkUpdateResponse(String status, @JsonProperty("session_id") String sessionId, String reason) {
    }

    /** The only structures a request to this daemon may contain; {@code urn_nbn} and {@code kramerius_url} may be omitted. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(LinkUpdateRequest.class).withDefault("urn_nbn", null).withDefault("kramerius_url", null),
            MessageType.of(LinkDescription.class),
            MessageType.of(StatusRequest.class));

    /** What the daemon answers with, for clients and tests. */
    public static final TypeRegistry REPLIES = TypeRegistry.of(MessageType.of(LinkUpdateResponse.class));

    private AlephLinkExportMessages() {
    }
}

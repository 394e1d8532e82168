package cz.edeposit.amqp.ltp;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/** The ltp structures as they travel on the wire (docs/ltp.md, "Messages"), and its decode allow-list. */
public final class LtpMessages {

    /**
     * Export one publication to the long-term-preservation system as an NDK SIP package; answered by {@code true}.
     *
     * @param alephRecord the catalogue record's text, MARC XML or OAI-MARC (never a path)
     * @param bookUuid    the publication's UUID: 32 hex digits, or the 8-4-4-4-12 form
     * @param urnNbn      the publication's URN:NBN, or null/blank for none
     * @param url         where the publication is kept, written into the MODS
     * @param filename    the file's name: only its suffix is used
     * @param b64Data     the file, base64 (MIME line breaks allowed)
     */
    public record ExportRequest(@JsonProperty("aleph_record") String alephRecord,
                                @JsonProperty("book_uuid") String bookUuid,
                                @JsonProperty("urn_nbn") String urnNbn,
                                String url, String filename,
                                @JsonProperty("b64_data") String b64Data) {

        /** Keeps the file's base64 out of log lines. */
        @Override
        public String toString() {
            return "ExportRequest[book_uuid=" + bookUuid + ", filename=" + filename + ", b64_data="
                    + (b64Data == null ? "null" : b64Data.length() + " characters") + "]";
        }
    }

    /** Ask what the long-term-preservation system did with the package of {@code book_uuid}. */
    public record TrackingRequest(@JsonProperty("book_uuid") String bookUuid) {
    }

    /**
     * The status of one package.
     *
     * @param bookId   the UUID asked about
     * @param exported whether LTP took the package ({@code ok}, {@code success} or {@code done})
     * @param error    the status otherwise ({@code complete_} while LTP has not answered); null when exported
     */
    public record TrackingResponse(@JsonProperty("book_id") String bookId, boolean exported, String error) {
    }

    /** The only structures a request to ltp may contain (aleph's {@code ExportRequest} is another). */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(ExportRequest.class),
            MessageType.of(TrackingRequest.class));

    private LtpMessages() {
    }
}

package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkDescription;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateRequest;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AlephLinkExportMessagesTest {

    private static final NtCodec CODEC = new NtCodec(AlephLinkExportMessages.REQUESTS);

    private static Object decode(String json) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBareUrlStringCountsAsAOneItemListAndTheOptionalFieldsMayBeOmitted() {
        LinkUpdateRequest request = (LinkUpdateRequest) decode("{\"__nt_name\": \"LinkUpdateRequest\", \"uuid\": \"u\","
                + " \"doc_number\": \"000054231\", \"document_urls\": \"http://s/a.pdf\", \"session_id\": \"s1\"}");
        assertEquals(List.of("http://s/a.pdf"), request.urls());
        assertNull(request.urnNbn());
        assertNull(request.krameriusUrl());
        assertEquals("000054231", request.docNumber());
        assertEquals("s1", request.sessionId());
    }

    @Test
    void aBareLinkDescriptionCountsAsAOneItemListAndAListMayMixStringsAndDescriptions() {
        String description = "{\"__nt_name\": \"LinkDescription\", \"url\": \"http://s/a.epub\", \"format\": \"epub\"}";
        LinkUpdateRequest bare = (LinkUpdateRequest) decode("{\"__nt_name\": \"LinkUpdateRequest\", \"uuid\": \"u\","
                + " \"doc_number\": \"1\", \"document_urls\": " + description + ", \"kramerius_url\": null,"
                + " \"urn_nbn\": \"urn:nbn:cz:edep-1\", \"session_id\": \"s\"}");
        assertEquals(List.of(new LinkDescription("http://s/a.epub", "epub")), bare.urls());
        assertEquals("urn:nbn:cz:edep-1", bare.urnNbn());
        LinkUpdateRequest mixed = (LinkUpdateRequest) decode("{\"__nt_name\": \"LinkUpdateRequest\", \"uuid\": \"u\","
                + " \"doc_number\": \"1\", \"document_urls\": [\"http://s/a.pdf\", " + description + "],"
                + " \"session_id\": \"s\"}");
        assertEquals(List.of("http://s/a.pdf", new LinkDescription("http://s/a.epub", "epub")), mixed.urls());
    }

    @Test
    void aDocumentUrlThatIsNeitherAStringNorADescriptionIsAValueErrorNamingIt() {
        ValueError error = assertThrows(ValueError.class, () -> decode("{\"__nt_name\": \"LinkUpdateRequest\","
                + " \"uuid\": \"u\", \"doc_number\": \"1\", \"document_urls\": [\"http://s/a\", 7], \"session_id\": \"s\"}"));
        assertEquals("document_urls[1] must be a URL string or a LinkDescription, not int", error.getMessage());
    }

    @Test
    void decodesOnlyItsOwnRequestTypes() {
        assertInstanceOf(AlephLinkExportMessages.StatusRequest.class, decode("{\"__nt_name\": \"StatusRequest\"}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"LinkUpdateResponse\", \"status\": \"OK\","
                + " \"session_id\": \"s\", \"reason\": null}"));
    }

    @Test
    void aResponseTravelsWithItsPythonFieldNames() {
        assertEquals("{\"status\": \"ERROR\", \"session_id\": \"s1\", \"reason\": \"no such record\","
                        + " \"__nt_name\": \"LinkUpdateResponse\"}",
                new NtCodec(AlephLinkExportMessages.REPLIES).encodeToString(
                        new LinkUpdateResponse("ERROR", "s1", "no such record")));
    }
}

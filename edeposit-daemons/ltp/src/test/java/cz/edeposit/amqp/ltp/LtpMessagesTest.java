package cz.edeposit.amqp.ltp;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ltp.LtpMessages.ExportRequest;
import cz.edeposit.amqp.ltp.LtpMessages.TrackingRequest;
import cz.edeposit.amqp.ltp.LtpMessages.TrackingResponse;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The structures have the field names of the Python peers, and only the two requests decode. */
class LtpMessagesTest {

    private final NtCodec codec = new NtCodec(LtpMessages.REQUESTS);

    private Object decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesBothRequestsAsPythonSendsThem() {
        assertEquals(new ExportRequest("<r/>", "u", "urn:nbn:cz:x", "http://a/", "a.pdf", "QUJD"),
                decode("{\"__nt_name\": \"ExportRequest\", \"aleph_record\": \"<r/>\", \"book_uuid\": \"u\","
                        + " \"urn_nbn\": \"urn:nbn:cz:x\", \"url\": \"http://a/\", \"filename\": \"a.pdf\","
                        + " \"b64_data\": \"QUJD\"}"));
        assertEquals(new TrackingRequest("u"), decode("{\"__nt_name\": \"TrackingRequest\", \"book_uuid\": \"u\"}"));
    }

    @Test
    void encodesTheTrackingResponseWithThePythonFieldNamesAndANullError() throws Exception {
        Map<String, Object> expected = new HashMap<>();
        expected.put("__nt_name", "TrackingResponse");
        expected.put("book_id", "u");
        expected.put("exported", true);
        expected.put("error", null);
        assertEquals(expected, new ObjectMapper().readValue(codec.encode(new TrackingResponse("u", true, null)), Map.class));
    }

    @Test
    void refusesAlephsExportRequestShapeAndTheResponse() {
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"ExportRequest\", \"epublication\": {}}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"TrackingResponse\", \"book_id\": \"u\","
                + " \"exported\": true, \"error\": null}"));
    }

    @Test
    void aRequestsTextNeverCarriesTheFileIntoALogLine() {
        String text = new ExportRequest("<r/>", "u", null, null, "a.pdf", "QUJD".repeat(1000)).toString();
        assertFalse(text.contains("QUJD"), text);
    }
}

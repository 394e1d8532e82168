package cz.edeposit.amqp.marcxml2mods;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionRequest;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionResponse;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The structures have the field names of the Python peers, and only the request decodes. */
class Marcxml2modsMessagesTest {

    private final NtCodec codec = new NtCodec(Marcxml2modsMessages.REQUESTS);

    @Test
    void decodesTheRequestAsPythonSendsIt() {
        Object request = codec.decode(("{\"__nt_name\": \"ConversionRequest\", \"marc_xml\": \"<record/>\","
                + " \"uuid\": \"u\", \"url\": \"http://a/\"}").getBytes(StandardCharsets.UTF_8));

        assertEquals(new ConversionRequest("<record/>", "u", "http://a/"), request);
    }

    @Test
    void encodesTheResponseWithThePythonFieldName() throws Exception {
        byte[] json = codec.encode(new ConversionResponse(List.of("<mods/>")));

        assertEquals(Map.of("__nt_name", "ConversionResponse", "mods_files", List.of("<mods/>")),
                new ObjectMapper().readValue(json, Map.class));
    }

    @Test
    void refusesCalibresConversionRequestShapeAndTheResponse() {
        assertThrows(TypeError.class, () -> codec.decode(("{\"__nt_name\": \"ConversionRequest\","
                + " \"input_format\": \"epub\", \"output_format\": \"pdf\", \"b64_data\": \"\"}")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(KeyError.class, () -> codec.decode("{\"__nt_name\": \"ConversionResponse\", \"mods_files\": []}"
                .getBytes(StandardCharsets.UTF_8)));
    }
}

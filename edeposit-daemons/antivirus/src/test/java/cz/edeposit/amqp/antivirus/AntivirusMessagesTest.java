package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.wire.KeyError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The messages on the wire, as the Python peers write and read them. */
class AntivirusMessagesTest {

    @Test
    void repliesKeepTheOriginalShape() {
        NtCodec codec = new NtCodec(AntivirusMessages.REQUESTS);
        assertEquals("{\"filename\": \"a.exe\", \"result\": {\"a.exe\": [\"FOUND\", \"Eicar\"]}, \"__nt_name\": \"ScanResult\"}",
                codec.encodeToString(ScanResult.found("a.exe", "Eicar")));
        assertEquals("{\"filename\": \"a.txt\", \"result\": {}, \"__nt_name\": \"ScanResult\"}",
                codec.encodeToString(ScanResult.clean("a.txt")));
        assertEquals(new ScanFile("x", "QUJD"),
                codec.decode("{\"__nt_name\": \"ScanFile\", \"filename\": \"x\", \"b64_data\": \"QUJD\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new UpdateDatabase(), codec.decode("{\"__nt_name\": \"UpdateDatabase\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesNothingButTheTwoRequests() {
        NtCodec codec = new NtCodec(AntivirusMessages.REQUESTS);
        assertThrows(KeyError.class, () -> codec.decode("{\"__nt_name\": \"ScanResult\", \"filename\": \"a\", \"result\": {}}"
                .getBytes(StandardCharsets.UTF_8)));
    }
}

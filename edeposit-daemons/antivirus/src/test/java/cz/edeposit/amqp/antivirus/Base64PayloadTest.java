package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base64PayloadTest {

    private static byte[] decode(String text) throws IOException {
        Base64Payload payload = Base64Payload.of(text);
        byte[] bytes = payload.open().readAllBytes();
        assertEquals(payload.size(), bytes.length, "the size worked out in advance is the decoded size");
        return bytes;
    }

    @Test
    void decodesPlainBase64OfEveryLength() throws IOException {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(data, decode(Base64.getEncoder().encodeToString(data)), "length " + length);
            assertArrayEquals(data, decode(Base64.getEncoder().withoutPadding().encodeToString(data)), "unpadded, length " + length);
        }
    }

    @Test
    void decodesMimeAndPythonWrappedBase64() throws IOException {
        byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        assertArrayEquals(data, decode(Base64.getMimeEncoder().encodeToString(data)));
        String python = Base64.getEncoder().encodeToString(data).replaceAll("(.{76})", "$1\n") + "\n";
        assertArrayEquals(data, decode(python));
    }

    @Test
    void decodesDataOfManyBlocksWhateverTheLineBreaks() throws IOException {
        byte[] data = new byte[300_001];
        new Random(5).nextBytes(data);
        String plain = Base64.getEncoder().encodeToString(data);
        assertArrayEquals(data, decode(plain));
        assertArrayEquals(data, decode(plain.replaceAll("(.{80})", "$1\r\n")));
        assertArrayEquals(data, decode(plain.replaceAll("(.{7})", "$1 \t")), "blanks everywhere, blocks cut mid-group");
        byte[] oneByOne = Base64Payload.of(plain).open().readNBytes(data.length + 10);
        assertArrayEquals(data, oneByOne);
        try (var in = Base64Payload.of("QUJD").open()) {
            assertEquals('A', in.read());
            assertEquals('B', in.read());
            assertEquals('C', in.read());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetNamingThePosition() {
        ValueError error = assertThrows(ValueError.class, () -> Base64Payload.of("QUJD%QUJD"));
        assertEquals("b64_data is not valid base64: character '%' (U+0025) at position 4 is not allowed;"
                + " only A-Z, a-z, 0-9, '+', '/', line breaks and '=' padding at the end are", error.getMessage());
        assertThrows(ValueError.class, () -> Base64Payload.of("QUJD-_"), "URL-safe base64 is not what Python sent");
        assertThrows(ValueError.class, () -> Base64Payload.of("not base64 at all!"));
    }

    @Test
    void rejectsDataAfterPaddingAndBadPaddingAndCutData() {
        assertTrue(assertThrows(ValueError.class, () -> Base64Payload.of("QQ==QQ==")).getMessage().contains("follows the '=' padding"));
        assertTrue(assertThrows(ValueError.class, () -> Base64Payload.of("QUJD=")).getMessage().contains("padding"));
        assertTrue(assertThrows(ValueError.class, () -> Base64Payload.of("QQ=")).getMessage().contains("padding"));
        assertTrue(assertThrows(ValueError.class, () -> Base64Payload.of("QUJDQ")).getMessage().contains("one character over"));
    }
}

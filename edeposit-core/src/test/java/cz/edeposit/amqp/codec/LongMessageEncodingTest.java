package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.PythonEscapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes bytes, and big messages twice (count, then an exact array): the bytes must be
 * those Jackson's character generator wrote before, for every kind of character.
 */
class LongMessageEncodingTest {

    record DownloadedFile(String url, @JsonProperty("b64_data") String b64Data) {
    }

    private static final JsonFactory CHARACTERS = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .characterEscapes(new PythonEscapes())
            .build();

    private final NtCodec codec = Messages.codec();

    /** The encoding as it was made before: a Writer, Jackson's character generator. */
    private static String throughWriter(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = CHARACTERS.createGenerator(out)) {
            g.setPrettyPrinter(PythonSeparators.INSTANCE);
            NtEncoder.write(g, value);
        }
        return out.toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // control characters
                case 1 -> text.append((char) (0x20 + random.nextInt(0x60))); // printable ASCII and DEL
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780))); // Latin-1 and two-byte UTF-8
                case 3 -> text.append((char) (0x800 + random.nextInt(0xd000))); // the rest of the BMP
                case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // surrogate pairs
                default -> text.append((char) (0xd800 + random.nextInt(0x800))); // lone surrogates
            }
        }
        return text.toString();
    }

    @Test
    void writesTheBytesOfTheCharacterGeneratorForAnyText() throws IOException {
        Random random = new Random(20240517);
        for (int i = 0; i < 200; i++) {
            String text = randomText(random, random.nextInt(3000));
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(randomText(random, 20), text);
            Object value = List.of(text, map, new Messages.Person(text, null), 1.5, Double.NaN);
            assertEquals(throughWriter(value), new String(codec.encode(value), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void writesBigMessageOfPlainBase64Exactly() throws IOException {
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".repeat(50_000);
        DownloadedFile reply = new DownloadedFile("http://example.cz/a.pdf", b64);
        byte[] body = codec.encode(reply);
        String expected = "{\"url\": \"http://example.cz/a.pdf\", \"b64_data\": \"" + b64
                + "\", \"__nt_name\": \"DownloadedFile\"}";
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), body);
        assertEquals(expected, throughWriter(reply));
        assertEquals(expected, codec.encodeToString(reply));
    }

    @Test
    void writesBigMessageWithEscapesAsTheCharacterGeneratorDid() throws IOException {
        Random random = new Random(7);
        List<Object> value = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            value.add(randomText(random, 300_000));
        }
        String expected = throughWriter(value);
        assertTrue(expected.length() > 2 * EncodedBytes.KEPT, "two passes");
        assertEquals(expected, new String(codec.encode(value), StandardCharsets.US_ASCII));
    }

    @Test
    void keepsSmallOutputAndOnlyCountsBigOutput() {
        EncodedBytes small = EncodedBytes.firstPass(10);
        small.write(new byte[] {1, 2, 3}, 0, 3);
        small.write(new byte[] {0, 4, 5, 6, 7, 8, 9, 10}, 1, 7);
        assertTrue(small.kept());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, small.toByteArray());
        small.write(11);
        assertFalse(small.kept());
        assertEquals(11, small.count());
    }

    @Test
    void returnsTheExactArrayWithoutCopyingIt() {
        EncodedBytes exact = EncodedBytes.exactly(4);
        exact.write(new byte[] {1, 2, 3, 4}, 0, 4);
        assertSame(exact.toByteArray(), exact.toByteArray());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, exact.toByteArray());
    }

    @Test
    void copesWithValueThatChangedBetweenThePasses() {
        EncodedBytes longer = EncodedBytes.exactly(2);
        longer.write(new byte[] {1, 2, 3}, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, longer.toByteArray());
        EncodedBytes shorter = EncodedBytes.exactly(3);
        shorter.write(new byte[] {1, 2}, 0, 2);
        assertArrayEquals(new byte[] {1, 2}, shorter.toByteArray());
    }
}

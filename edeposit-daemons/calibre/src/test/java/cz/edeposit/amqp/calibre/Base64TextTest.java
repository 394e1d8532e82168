package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base64TextTest {

    @TempDir
    Path temp;

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void wrapsAtEightyColumnsExactlyAsPythonsTextwrapDid() throws Exception {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        // "\n".join(textwrap.wrap(base64.b64encode(bytes(range(100))), 80)), computed with Python.
        assertEquals("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7\n"
                + "PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiYw==",
                Base64Text.encodeWrapped(new ByteArrayInputStream(data), data.length));
    }

    @Test
    void encodesEverySizeAroundLineAndChunkBordersLikeTheMimeEncoder() throws Exception {
        Base64.Encoder mime = Base64.getMimeEncoder(80, new byte[] {'\n'});
        for (int size : new int[] {0, 1, 2, 3, 59, 60, 61, 120, 61_439, 61_440, 61_441, 200_003}) {
            byte[] data = bytes(size);
            String text = Base64Text.encodeWrapped(new ByteArrayInputStream(data), size);
            assertEquals(mime.encodeToString(data), text, "size " + size);
        }
    }

    @Test
    void decodesWrappedTextToTheFileSkippingLineBreaks() throws Exception {
        byte[] data = bytes(10_000);
        Path file = temp.resolve("input.txt");
        Base64Text.decodeTo(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data), file);
        assertArrayEquals(data, Files.readAllBytes(file));
        Base64Text.decodeTo(Base64.getEncoder().encodeToString(data), file);
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void skipsCharactersBeyondLatin1InsteadOfTakingThemForLetters() throws Exception {
        Path file = temp.resolve("input.txt");
        // 'ř' is U+0159: cut to a byte it would read as 'Y', a base64 letter.
        Base64Text.decodeTo("QU\u0159JD", file);
        assertArrayEquals("ABC".getBytes(), Files.readAllBytes(file));
    }

    @Test
    void refusesBrokenPaddingAndNullAsValueError() {
        Path file = temp.resolve("input.txt");
        ValueError padding = assertThrows(ValueError.class, () -> Base64Text.decodeTo("QUJD=x", file));
        assertTrue(padding.getMessage().startsWith("b64_data is not valid base64: "), padding.getMessage());
        assertThrows(ValueError.class, () -> Base64Text.decodeTo("Q", file));
        assertEquals("b64_data must be the document in base64, not null",
                assertThrows(ValueError.class, () -> Base64Text.decodeTo(null, file)).getMessage());
    }
}

package cz.edeposit.amqp.downloader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The base64 made piece by piece is the base64 of the whole body, however the pieces fall. */
class Base64BodyTest {

    @Test
    void encodesLikeTheJdkEncoderForAnySplitOfTheBody() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 3, 4, 49151, 49152, 49153, 3 * 49152 + 2, 200_000}) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            Base64Body base64 = new Base64Body();
            for (int at = 0; at < size; ) {
                int piece = Math.min(size - at, random.nextInt(70_000) + 1);
                base64.add(ByteBuffer.wrap(body, at, piece));
                at += piece;
            }
            assertEquals(size, base64.size());
            String expected = Base64.getEncoder().encodeToString(body);
            assertEquals(expected, base64.text(), "size " + size);
            assertEquals(expected, base64.text(), "asked twice");
        }
    }
}

package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Data streamed into a body as base64 is the same text as a base64 string of it, small or big. */
class Base64SourceEncodingTest {

    record Streamed(String filename, @JsonProperty("raw_data") Base64Source rawData) {
    }

    @NtName("Streamed")
    record AsString(String filename, @JsonProperty("raw_data") String rawData) {
    }

    private static Base64Source source(byte[] data, int given, AtomicInteger opened) {
        return new Base64Source() {
            @Override
            public long length() {
                return data.length;
            }

            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return new ByteArrayInputStream(Arrays.copyOf(data, given));
            }
        };
    }

    @Test
    void smallAndBigDataAreTheTextOfTheirBase64StringAndABigBodyReadsItTwice() {
        NtCodec codec = Messages.codec();
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 2, 3, 1000, EncodedBytes.KEPT + 12_345}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            AtomicInteger opened = new AtomicInteger();
            String streamed = new String(codec.encode(new Streamed("kniha, 1.pdf", source(data, size, opened))),
                    StandardCharsets.US_ASCII);
            assertEquals(codec.encodeToString(new AsString("kniha, 1.pdf", Base64.getEncoder().encodeToString(data))),
                    streamed, "size " + size);
            assertEquals(size > EncodedBytes.KEPT ? 2 : 1, opened.get(), "size " + size);
        }
    }

    @Test
    void aStreamShorterThanItsLengthIsAnError() {
        byte[] data = new byte[100];
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> Messages.codec().encode(new Streamed("short.pdf", source(data, 60, new AtomicInteger()))));
        assertEquals(true, failure.getMessage().contains("40"), failure.getMessage());
    }
}

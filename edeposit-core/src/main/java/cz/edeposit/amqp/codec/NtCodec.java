package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.PythonEscapes;
import cz.edeposit.amqp.wire.TypeError;
import cz.edeposit.amqp.wire.ValueError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The "namedtuple JSON" codec of edeposit.amqp.serializers: Java records and plain values to and
 * from JSON whose objects carry {@code "__nt_name"}.
 *
 * <p>Decoding only builds structures of the daemon's {@link TypeRegistry}; encoding accepts any
 * record. Immutable and thread-safe.
 */
public final class NtCodec {

    /** The original's only message for a body that is not JSON; its integration tests look for it. */
    static final String NOT_JSON = "No JSON object could be decoded";

    /** Deep enough for any real message, shallow enough that recursion cannot exhaust the stack. */
    static final int MAX_DEPTH = 1000;

    /**
     * Base64 payloads (calibre, antivirus, ltp) are long strings; the broker's own message limit
     * (128 MiB by default) is the real bound, so strings may be as long as a whole message.
     */
    static final int MAX_STRING_CHARS = 128 * 1024 * 1024;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python writes bare NaN and Infinity
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .characterEscapes(new PythonEscapes())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING_CHARS).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final NtDecoder decoder;
    private final int longStringBytes;
    private final int maxStringChars;

    /** A codec that decodes only the structures of {@code allowList}. */
    public NtCodec(TypeRegistry allowList) {
        this(allowList, LongStrings.MIN_BYTES, MAX_STRING_CHARS);
    }

    /** For tests: strings from {@code longStringBytes} bytes on are decoded by {@link LongStrings}. */
    NtCodec(TypeRegistry allowList, int longStringBytes, int maxStringChars) {
        this.decoder = new NtDecoder(Objects.requireNonNull(allowList, "allowList"));
        this.longStringBytes = longStringBytes;
        this.maxStringChars = maxStringChars;
    }

    /**
     * Decodes a message body: records for allowed {@code __nt_name} objects, otherwise maps,
     * lists, strings, booleans, numbers and null.
     *
     * @throws ValueError if the body is not JSON or exceeds the parser's limits
     * @throws KeyError if an {@code __nt_name} is not in the allow-list
     * @throws TypeError if a structure's fields do not fit its record
     */
    public Object decode(byte[] body) {
        return decoder.any(parse(body));
    }

    /**
     * Decodes a message body that must be an {@code expected}.
     *
     * @throws TypeError if it decodes to something else, besides the errors of {@link #decode(byte[])}
     */
    public <T> T decode(byte[] body, Class<T> expected) {
        Object value = decode(body);
        if (!expected.isInstance(value)) {
            throw new TypeError("expected " + expected.getSimpleName() + ", not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return expected.cast(value);
    }

    /**
     * Encodes a value as ASCII-only JSON bytes.
     *
     * <p>A big message is encoded twice, first only to count its bytes, so that it is written into
     * an array of its exact size: the peak is the value plus its body, not several copies of it.
     *
     * @throws TypeError if the value or something inside it is not JSON serializable
     * @throws UncheckedIOException if a {@link Base64Source} in it cannot be read, or gives fewer bytes than its length
     */
    public byte[] encode(Object value) {
        EncodedBytes first = EncodedBytes.firstPass(EncodedBytes.KEPT);
        write(value, first);
        if (first.kept()) {
            return first.toByteArray();
        }
        EncodedBytes second = EncodedBytes.exactly(first.count());
        write(value, second);
        return second.toByteArray();
    }

    /**
     * Encodes a value as JSON text formatted like Python's {@code json.dumps} defaults.
     *
     * @throws TypeError if the value or something inside it is not JSON serializable
     */
    public String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.US_ASCII);
    }

    // UTF-8 output of pure ASCII (PythonEscapes escapes everything else) is the ASCII body itself.
    private static void write(Object value, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(PythonSeparators.INSTANCE);
            NtEncoder.write(g, value);
        } catch (StreamConstraintsException e) {
            throw new TypeError("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // EncodedBytes does not fail: a Base64Source did
        }
    }

    /**
     * The body's JSON tree. Long strings (base64 documents) do not go through Jackson's text
     * buffers but become strings straight from the body ({@link LongStrings}), and the rest is
     * decoded a buffer at a time, so the peak is the body plus its long strings, once each.
     */
    private JsonNode parse(byte[] body) {
        if (body == null) {
            throw new ValueError(NOT_JSON);
        }
        checkUtf8(body);
        LongStrings longStrings = LongStrings.find(body, longStringBytes);
        // Random, so that no string of a message is taken for a placeholder by chance.
        String prefix = longStrings.count() == 0 ? ""
                : "edeposit-long-string-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
        JsonNode root;
        try (JsonParser parser = parser(body, longStrings, prefix)) {
            root = JsonTree.read(parser);
            JsonToken trailing = root == null ? null : parser.nextToken();
            if (trailing != null) {
                // Anything after the value is refused, as the mapper's FAIL_ON_TRAILING_TOKENS did.
                throw new ValueError(NOT_JSON, new JsonParseException(parser, "Trailing token (of type " + trailing
                        + ") found after the JSON value"));
            }
        } catch (StreamConstraintsException e) {
            throw new ValueError("JSON document exceeds the decoder's limits", e);
        } catch (IOException e) {
            throw new ValueError(NOT_JSON, e);
        }
        if (root == null) {
            throw new ValueError(NOT_JSON);
        }
        return root;
    }

    private JsonParser parser(byte[] body, LongStrings longStrings, String prefix) throws IOException {
        JsonParser parser = FACTORY.createParser(new SplicedReader(body, longStrings, prefix));
        return longStrings.count() == 0 ? parser : new LongStringParser(parser, longStrings, prefix, maxStringChars);
    }

    /**
     * Strict, unlike Jackson's byte parser: overlong forms and lone surrogates are refused too.
     * Checked for the whole body first, so that bad UTF-8 anywhere is "not JSON" whatever else is wrong.
     */
    private static void checkUtf8(byte[] body) {
        if (isAscii(body)) {
            return; // ASCII is valid UTF-8, and every body the encoders write is ASCII
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.min(body.length + 1, 8192));
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            if (result.isError()) {
                try {
                    result.throwException();
                } catch (CharacterCodingException e) {
                    throw new ValueError(NOT_JSON, e);
                }
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}

package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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

    private static final ObjectReader READER = new ObjectMapper(FACTORY).reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final NtDecoder decoder;

    /** A codec that decodes only the structures of {@code allowList}. */
    public NtCodec(TypeRegistry allowList) {
        this.decoder = new NtDecoder(Objects.requireNonNull(allowList, "allowList"));
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
     * @throws TypeError if the value or something inside it is not JSON serializable
     */
    public byte[] encode(Object value) {
        return encodeToString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Encodes a value as JSON text formatted like Python's {@code json.dumps} defaults.
     *
     * @throws TypeError if the value or something inside it is not JSON serializable
     */
    public String encodeToString(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(PythonSeparators.INSTANCE);
            NtEncoder.write(g, value);
        } catch (StreamConstraintsException e) {
            throw new TypeError("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null) {
            throw new ValueError(NOT_JSON);
        }
        String text;
        try {
            // Strict, unlike Jackson's byte parser: overlong forms and lone surrogates are refused too.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ValueError(NOT_JSON, e);
        }
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ValueError("JSON document exceeds the decoder's limits", e);
        } catch (IOException e) {
            throw new ValueError(NOT_JSON, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ValueError(NOT_JSON);
        }
        return root;
    }
}

package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.wire.WireException;
import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input must become the exception the Python peers expect (docs/wire-protocol.md, "Decoding"). */
class DecodingErrorsTest {

    private final NtCodec codec = Messages.codec();

    private <E extends WireException> E fails(Class<E> type, String json) {
        return fails(type, utf8(json));
    }

    private <E extends WireException> E fails(Class<E> type, byte[] body) {
        Executable decode = () -> codec.decode(body);
        return assertThrows(type, decode);
    }

    private void notJson(byte[] body) {
        ValueError error = fails(ValueError.class, body);
        assertEquals("No JSON object could be decoded", error.getMessage());
    }

    @Test
    void rejectsNonJsonWithPythonsExactMessage() {
        notJson(utf8("asd"));
        assertNotNull(fails(ValueError.class, "asd").getCause(), "parser detail is kept as the cause");
        notJson(utf8("{\"a\": }"));
        notJson(utf8("{'a': 1}"));
        notJson(utf8("[1, 2,]"));
    }

    @Test
    void rejectsEmptyAndBlankBodiesAsNotJson() {
        notJson(new byte[0]);
        notJson(utf8(" \n\t"));
        notJson(null);
    }

    @Test
    void rejectsTrailingDataAsNotJson() {
        notJson(utf8("{} x"));
        notJson(utf8("1 2"));
        notJson(utf8("{\"__nt_name\": \"Empty\"}}"));
    }

    @Test
    void rejectsInvalidUtf8AsNotJson() {
        notJson(new byte[] {'"', (byte) 0xff, '"'});
        notJson(new byte[] {'"', (byte) 0xc0, (byte) 0x80, '"'}); // overlong NUL
        notJson(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}); // encoded lone surrogate
    }

    @Test
    void rejectsNameOutsideAllowListWithKeyError() {
        assertEquals("Nope", fails(KeyError.class, "{\"__nt_name\": \"Nope\"}").getMessage());
        // A real Java class name must not be resolved either.
        assertEquals("java.lang.ProcessBuilder",
                fails(KeyError.class, "[{\"__nt_name\": \"java.lang.ProcessBuilder\", \"command\": [\"ls\"]}]")
                        .getMessage());
        NtCodec strict = new NtCodec(TypeRegistry.of(MessageType.of(Messages.SearchRequest.class)));
        KeyError nested = assertThrows(KeyError.class, () -> strict.decode(utf8(
                "{\"__nt_name\": \"SearchRequest\", \"query\": {\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"1\"}}")));
        assertEquals("ISBNQuery", nested.getMessage());
    }

    @Test
    void rejectsNonStringNtNameWithTypeError() {
        fails(TypeError.class, "{\"__nt_name\": [\"Person\"], \"name\": \"a\", \"surname\": \"b\"}");
        fails(TypeError.class, "{\"__nt_name\": null}");
        fails(TypeError.class, "{\"__nt_name\": 1}");
    }

    @Test
    void rejectsMissingFieldNamingTypeAndField() {
        assertEquals("ISBNQuery is missing field 'ISBN'",
                fails(TypeError.class, "{\"__nt_name\": \"ISBNQuery\", \"base\": \"nkc\"}").getMessage());
        assertEquals("Person is missing field 'surname'",
                fails(TypeError.class, "{\"__nt_name\": \"Person\", \"name\": \"a\"}").getMessage());
    }

    @Test
    void rejectsUnexpectedFieldNamingTypeAndField() {
        assertEquals("ISBNQuery got an unexpected field 'third'", fails(TypeError.class,
                "{\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"1\", \"third\": 3}").getMessage());
        // The Java component name is not a wire name when @JsonProperty renames it.
        assertEquals("Author got an unexpected field 'url'", fails(TypeError.class,
                "{\"__nt_name\": \"Author\", \"name\": \"a\", \"url\": \"u\"}").getMessage());
    }

    @Test
    void rejectsWrongValueTypesNamingTypeFieldAndValue() {
        assertEquals("Progress.step must be an integer, not \"x\"", fails(TypeError.class,
                "{\"__nt_name\": \"Progress\", \"stage\": \"s\", \"step\": \"x\"}").getMessage());
        assertEquals("Progress.step must be an integer, not 1.5", fails(TypeError.class,
                "{\"__nt_name\": \"Progress\", \"stage\": \"s\", \"step\": 1.5}").getMessage());
        assertEquals("Progress.stage must be a string, not 5", fails(TypeError.class,
                "{\"__nt_name\": \"Progress\", \"stage\": 5, \"step\": 1}").getMessage());
        assertEquals("Progress.step must be an integer, not null", fails(TypeError.class,
                "{\"__nt_name\": \"Progress\", \"stage\": \"s\", \"step\": null}").getMessage());
        assertEquals("Numbers.flag must be a boolean, not 1", fails(TypeError.class, "{\"__nt_name\": \"Numbers\", "
                + "\"small\": 0, \"large\": 0, \"huge\": 0, \"real\": 0, \"single\": 0, \"boxed\": 0, \"flag\": 1}")
                .getMessage());
        assertEquals("Shelf.queries[1] must be a record implementing Query, not \"q\"", fails(TypeError.class,
                "{\"__nt_name\": \"Shelf\", \"sections\": {}, \"queries\": [null, \"q\"], \"misc\": null}").getMessage());
        assertEquals("Shelf.sections['a'] must be a list, not {}", fails(TypeError.class,
                "{\"__nt_name\": \"Shelf\", \"sections\": {\"a\": {}}, \"queries\": [], \"misc\": null}").getMessage());
    }

    @Test
    void rejectsIntegersOutOfComponentRange() {
        fails(TypeError.class, "{\"__nt_name\": \"Progress\", \"stage\": \"s\", \"step\": 2147483648}");
        fails(TypeError.class, "{\"__nt_name\": \"Numbers\", \"small\": 0, \"large\": 9223372036854775808, "
                + "\"huge\": 0, \"real\": 0, \"single\": 0, \"boxed\": 0, \"flag\": true}");
        fails(TypeError.class, "{\"__nt_name\": \"Numbers\", \"small\": 0, \"large\": 0, "
                + "\"huge\": 1.0, \"real\": 0, \"single\": 0, \"boxed\": 0, \"flag\": true}");
    }

    @Test
    void rejectsPolymorphicFieldOfWrongTypeWithTypeError() {
        assertEquals("SearchRequest.query must be a record implementing Query, not Person",
                fails(TypeError.class, "{\"__nt_name\": \"SearchRequest\", \"query\": "
                        + "{\"__nt_name\": \"Person\", \"name\": \"a\", \"surname\": \"b\"}}").getMessage());
        fails(TypeError.class, "{\"__nt_name\": \"SearchRequest\", \"query\": {\"ISBN\": \"1\"}}");
        assertEquals("Linked.next must be a Linked record, not Empty", fails(TypeError.class,
                "{\"__nt_name\": \"Linked\", \"next\": {\"__nt_name\": \"Empty\"}}").getMessage());
    }

    @Test
    void rejectsRecordWhereMapIsDeclared() {
        fails(TypeError.class, "{\"__nt_name\": \"Shelf\", \"sections\": {\"__nt_name\": \"Empty\"}, "
                + "\"queries\": [], \"misc\": null}");
    }

    @Test
    void reportsConstructorValidationAsValueError() {
        ValueError error = fails(ValueError.class, "{\"__nt_name\": \"Validated\", \"isbn\": \"\"}");
        assertEquals("isbn must not be empty", error.getMessage());
        assertEquals(IllegalArgumentException.class, error.getCause().getClass());
        ValueError npe = fails(ValueError.class, "{\"__nt_name\": \"Checked\", \"id\": null}");
        assertEquals("id is required", npe.getMessage());
        assertEquals(NullPointerException.class, npe.getCause().getClass());
    }

    @Test
    void rejectsDepthBombWithValueError() {
        fails(ValueError.class, "[".repeat(NtCodec.MAX_DEPTH + 1) + "]".repeat(NtCodec.MAX_DEPTH + 1));
        fails(ValueError.class, "[".repeat(200_000));
        fails(ValueError.class, "{\"a\": ".repeat(50_000) + "1" + "}".repeat(50_000));
    }

    @Test
    void rejectsOverlongNumberWithValueError() {
        fails(ValueError.class, "1".repeat(5_000));
    }

    @Test
    void rejectsUnexpectedTopLevelTypeWithTypeError() {
        TypeError error = assertThrows(TypeError.class,
                () -> codec.decode(utf8("{\"__nt_name\": \"Empty\"}"), Messages.Person.class));
        assertEquals("expected Person, not Empty", error.getMessage());
        assertThrows(TypeError.class, () -> codec.decode(utf8("null"), Messages.Person.class));
    }
}

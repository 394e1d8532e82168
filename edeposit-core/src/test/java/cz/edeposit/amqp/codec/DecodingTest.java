package cz.edeposit.amqp.codec;

import static cz.edeposit.amqp.codec.Json.tree;
import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import cz.edeposit.amqp.codec.Messages.Bag;
import cz.edeposit.amqp.codec.Messages.ISBNQuery;
import cz.edeposit.amqp.codec.Messages.Numbers;
import cz.edeposit.amqp.codec.Messages.Person;
import cz.edeposit.amqp.codec.Messages.Raw;
import cz.edeposit.amqp.codec.Messages.SearchRequest;
import cz.edeposit.amqp.codec.Messages.Shelf;
import cz.edeposit.amqp.codec.Messages.TestNT;
import cz.edeposit.amqp.codec.Messages.TitleQuery;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How well-formed messages become Java values. */
class DecodingTest {

    private final NtCodec codec = Messages.codec();

    private <T> T decode(String json, Class<T> type) {
        return codec.decode(utf8(json), type);
    }

    @Test
    void decodesRecordsInListsInMapsInRecords() {
        Shelf shelf = new Shelf(
                Map.of("poetry", List.of(new Person("Karel", "Mácha"), new Person("Jan", "Neruda")), "empty", List.of()),
                List.of(new ISBNQuery("80-251-0225-4", "nkc"), new TitleQuery("Máj")),
                new Bag(List.of(1, 2, 3)));
        String json = codec.encodeToString(shelf);
        assertEquals(shelf, decode(json, Shelf.class));
        assertEquals(tree(json), tree(codec.encodeToString(decode(json, Shelf.class))));
    }

    @Test
    void resolvesPolymorphicFieldToTheNamedImplementation() {
        SearchRequest request = decode("{\"__nt_name\": \"SearchRequest\", \"query\": "
                + "{\"__nt_name\": \"TitleQuery\", \"title\": \"Krakatit\"}}", SearchRequest.class);
        assertEquals(new TitleQuery("Krakatit"), request.query());
    }

    @Test
    void fillsOmittedFieldFromDefault() {
        assertEquals(new ISBNQuery("80-251-0225-4", "nkc"),
                decode("{\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"80-251-0225-4\"}", ISBNQuery.class));
        assertEquals(new ISBNQuery("80-251-0225-4", "mzk"),
                decode("{\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"80-251-0225-4\", \"base\": \"mzk\"}",
                        ISBNQuery.class));
    }

    @Test
    void acceptsNullInAnyNonPrimitiveField() {
        assertEquals(new ISBNQuery(null, null),
                decode("{\"__nt_name\": \"ISBNQuery\", \"ISBN\": null, \"base\": null}", ISBNQuery.class));
        assertEquals(new SearchRequest(null), decode("{\"__nt_name\": \"SearchRequest\", \"query\": null}",
                SearchRequest.class));
        assertEquals(new Shelf(null, null, null),
                decode("{\"__nt_name\": \"Shelf\", \"sections\": null, \"queries\": null, \"misc\": null}", Shelf.class));
        Shelf holes = decode("{\"__nt_name\": \"Shelf\", \"sections\": {\"a\": [null]}, \"queries\": [null], "
                + "\"misc\": {\"__nt_name\": \"Bag\", \"values\": [1, null]}}", Shelf.class);
        assertNull(holes.sections().get("a").get(0));
        assertNull(holes.queries().get(0));
        assertEquals(new ArrayList<>(java.util.Arrays.asList(1, null)), holes.misc().values());
        assertNull(decode("{\"__nt_name\": \"Raw\", \"payload\": null}", Raw.class).payload());
    }

    @Test
    void decodesIntegersByMagnitudeAndFloatsAsDouble() {
        List<?> values = decode("[1, -2147483649, 9223372036854775807, 9223372036854775808, 1.0, 1e400, "
                + "-Infinity, Infinity, 100000000000000000000]", List.class);
        assertEquals(List.of(1, -2147483649L, Long.MAX_VALUE, BigInteger.TWO.pow(63), 1.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                BigInteger.TEN.pow(20)), values);
        assertInstanceOf(Double.class, values.get(4));
    }

    @Test
    void convertsNumbersToDeclaredComponentTypes() {
        Numbers numbers = decode("{\"__nt_name\": \"Numbers\", \"small\": -2147483648, \"large\": 9223372036854775807, "
                + "\"huge\": 100000000000000000000, \"real\": 3, \"single\": 1.5, \"boxed\": 7, \"flag\": true}",
                Numbers.class);
        assertEquals(new Numbers(Integer.MIN_VALUE, Long.MAX_VALUE, BigInteger.TEN.pow(20), 3.0, 1.5f, 7, true), numbers);
        assertEquals(numbers, codec.decode(codec.encode(numbers)));
        Numbers special = decode("{\"__nt_name\": \"Numbers\", \"small\": 0, \"large\": 0, \"huge\": 5, "
                + "\"real\": NaN, \"single\": -Infinity, \"boxed\": null, \"flag\": false}", Numbers.class);
        assertEquals(Double.NaN, special.real());
        assertEquals(Float.NEGATIVE_INFINITY, special.single());
        assertEquals(BigInteger.valueOf(5), special.huge());
        assertEquals("{\"small\": 0, \"large\": 0, \"huge\": 5, \"real\": NaN, \"single\": -Infinity, "
                + "\"boxed\": null, \"flag\": false, \"__nt_name\": \"Numbers\"}", codec.encodeToString(special));
    }

    @Test
    void keepsObjectFieldsUntypedAsTheOriginalDid() {
        TestNT nt = decode("{\"__nt_name\": \"TestNT\", \"first\": {\"x\": [1, 2.5, \"s\", false, null]}, "
                + "\"second\": {\"__nt_name\": \"Person\", \"name\": \"a\", \"surname\": \"b\"}}", TestNT.class);
        assertEquals(Map.of("x", java.util.Arrays.asList(1, 2.5, "s", false, null)), nt.first());
        assertEquals(new Person("a", "b"), nt.second());
    }

    @Test
    void passesJsonNodeFieldThroughRaw() {
        Raw raw = decode("{\"__nt_name\": \"Raw\", \"payload\": {\"__nt_name\": \"Unregistered\", \"deep\": [1]}}", Raw.class);
        assertEquals(tree("{\"__nt_name\": \"Unregistered\", \"deep\": [1]}"), raw.payload());
        assertEquals(raw, codec.decode(codec.encode(raw)));
    }

    @Test
    void readsSameWireNameAsDifferentTypesPerRegistry() {
        NtCodec other = new NtCodec(TypeRegistry.of(MessageType.of(Messages.OtherPerson.class)));
        assertEquals(new Person("a", "b"),
                codec.decode(utf8("{\"__nt_name\": \"Person\", \"name\": \"a\", \"surname\": \"b\"}")));
        assertEquals(new Messages.OtherPerson("a"),
                other.decode(utf8("{\"__nt_name\": \"Person\", \"login\": \"a\"}")));
    }

    @Test
    void decodesThroughMergedRegistries() {
        TypeRegistry aleph = TypeRegistry.of(MessageType.of(SearchRequest.class));
        TypeRegistry queries = TypeRegistry.of(Messages.isbnQuery(), MessageType.of(TitleQuery.class));
        NtCodec merged = new NtCodec(aleph.plus(queries));
        assertEquals(new SearchRequest(new ISBNQuery("1", "nkc")), merged.decode(
                utf8("{\"__nt_name\": \"SearchRequest\", \"query\": {\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"1\"}}")));
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String json = "[".repeat(NtCodec.MAX_DEPTH) + "]".repeat(NtCodec.MAX_DEPTH);
        Object value = codec.decode(utf8(json));
        assertEquals(json, codec.encodeToString(value));
    }

    @Test
    void keepsLastOfDuplicateKeysAsPythonDoes() {
        assertEquals(Map.of("a", 2), codec.decode(utf8("{\"a\": 1, \"a\": 2}")));
    }
}

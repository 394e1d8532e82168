package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Test structures modelled on the serializer's own examples and the aleph messages. */
final class Messages {

    private Messages() {
    }

    record Person(String name, String surname) {
    }

    sealed interface Query permits ISBNQuery, TitleQuery {
    }

    record ISBNQuery(String ISBN, String base) implements Query {
    }

    record TitleQuery(String title) implements Query {
    }

    record SearchRequest(Query query) {
    }

    record TestNT(Object first, Object second) {
    }

    /** A Java name that differs from the wire name, as for module-qualified duplicates. */
    @NtName("Publication")
    record HarvestedPublication(String title, List<Author> authors) {
    }

    record Author(String name, @JsonProperty("URL") String url) {
    }

    record Progress(String stage, int step) {
    }

    record Numbers(int small, long large, BigInteger huge, double real, float single, Integer boxed,
            boolean flag) {
    }

    record Shelf(Map<String, List<Person>> sections, List<Query> queries, Bag misc) {
    }

    record Bag(java.util.Collection<Integer> values) {
    }

    record Raw(JsonNode payload) {
    }

    record Empty() {
    }

    record Validated(String isbn) {
        Validated {
            if (isbn == null || isbn.isEmpty()) {
                throw new IllegalArgumentException("isbn must not be empty");
            }
        }
    }

    record Checked(String id) {
        Checked {
            java.util.Objects.requireNonNull(id, "id is required");
        }
    }

    record Linked(Linked next) {
    }

    /** The same wire name as {@link Person} with other fields, as in a different sub-module. */
    @NtName("Person")
    record OtherPerson(String login) {
    }

    static MessageType<ISBNQuery> isbnQuery() {
        return MessageType.of(ISBNQuery.class).withDefault("base", "nkc");
    }

    /** The allow-list most tests decode with. */
    static TypeRegistry registry() {
        return TypeRegistry.of(
                MessageType.of(Person.class), isbnQuery(), MessageType.of(TitleQuery.class),
                MessageType.of(SearchRequest.class), MessageType.of(TestNT.class),
                MessageType.of(HarvestedPublication.class), MessageType.of(Author.class),
                MessageType.of(Progress.class), MessageType.of(Numbers.class), MessageType.of(Shelf.class),
                MessageType.of(Bag.class), MessageType.of(Raw.class), MessageType.of(Empty.class),
                MessageType.of(Validated.class), MessageType.of(Checked.class), MessageType.of(Linked.class));
    }

    static NtCodec codec() {
        return new NtCodec(registry());
    }
}

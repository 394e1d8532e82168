package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.TypeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.codec.Messages.ISBNQuery;
import cz.edeposit.amqp.codec.Messages.OtherPerson;
import cz.edeposit.amqp.codec.Messages.Person;
import cz.edeposit.amqp.codec.Messages.Progress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mistakes in declaring message types and allow-lists must surface when a daemon starts. */
class TypeDeclarationTest {

    record WithSet(Set<String> tags) {
    }

    record WithOptional(Optional<String> maybe) {
    }

    record WithIntKeys(Map<Integer, String> byNumber) {
    }

    record WithArray(String[] items) {
    }

    record Generic<T>(T value) {
    }

    record Spoofing(@com.fasterxml.jackson.annotation.JsonProperty("__nt_name") String name) {
    }

    @NtName("")
    record Nameless(String x) {
    }

    @Test
    void derivesWireNamesFromAnnotationsOrSimpleName() {
        assertEquals("Person", MessageType.of(Person.class).wireName());
        assertEquals("Person", MessageType.of(OtherPerson.class).wireName());
        assertEquals("Publication", MessageType.of(Messages.HarvestedPublication.class).wireName());
        assertEquals(List.of("name", "URL"), MessageType.of(Messages.Author.class).fieldNames());
        assertEquals(Person.class, MessageType.of(Person.class).javaType());
    }

    @Test
    void rejectsComponentTypesTheWireCannotCarry() {
        for (Class<? extends Record> type : List.of(WithSet.class, WithOptional.class, WithIntKeys.class,
                WithArray.class, Generic.class)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MessageType.of(type));
            assertTrue(error.getMessage().contains(type.getSimpleName()), error.getMessage());
        }
    }

    @Test
    void rejectsFieldNamedNtNameAndEmptyNtName() {
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(Spoofing.class));
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(Nameless.class));
    }

    @Test
    void rejectsDefaultForUnknownFieldNamingFieldAndType() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MessageType.of(ISBNQuery.class).withDefault("isbn", "x"));
        assertTrue(error.getMessage().contains("'isbn'") && error.getMessage().contains("ISBNQuery"),
                error.getMessage());
    }

    @Test
    void rejectsDefaultThatDoesNotFitTheField() {
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(ISBNQuery.class).withDefault("base", 1));
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(Progress.class).withDefault("step", null));
        assertThrows(IllegalArgumentException.class, () -> MessageType.of(Progress.class).withDefault("step", 1L));
    }

    @Test
    void withDefaultLeavesTheOriginalUnchanged() {
        MessageType<ISBNQuery> plain = MessageType.of(ISBNQuery.class);
        MessageType<ISBNQuery> defaulted = plain.withDefault("base", "nkc");
        assertNotEquals(plain, defaulted);
        NtCodec strict = new NtCodec(TypeRegistry.of(plain));
        assertThrows(TypeError.class, () -> strict.decode(Json.utf8("{\"__nt_name\": \"ISBNQuery\", \"ISBN\": \"1\"}")));
    }

    @Test
    void rejectsTwoTypesUnderOneWireNameNamingBoth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TypeRegistry.of(MessageType.of(Person.class), MessageType.of(OtherPerson.class)));
        assertTrue(error.getMessage().contains("'Person'")
                && error.getMessage().contains(Person.class.getName())
                && error.getMessage().contains(OtherPerson.class.getName()), error.getMessage());
        TypeRegistry a = TypeRegistry.of(MessageType.of(Person.class));
        TypeRegistry b = TypeRegistry.of(MessageType.of(OtherPerson.class));
        assertThrows(IllegalArgumentException.class, () -> a.plus(b));
    }

    @Test
    void rejectsSameTypeWithConflictingDefaults() {
        assertThrows(IllegalArgumentException.class, () -> TypeRegistry.of(
                MessageType.of(ISBNQuery.class).withDefault("base", "nkc"),
                MessageType.of(ISBNQuery.class).withDefault("base", "mzk")));
    }

    @Test
    void mergesRegistriesSharingTheSameType() {
        TypeRegistry a = TypeRegistry.of(MessageType.of(Person.class), Messages.isbnQuery());
        TypeRegistry b = TypeRegistry.of(Messages.isbnQuery(), MessageType.of(Progress.class));
        TypeRegistry merged = a.plus(b);
        assertEquals(Optional.of(MessageType.of(Progress.class)), merged.byName("Progress"));
        assertEquals(Progress.class, merged.byName("Progress").orElseThrow().javaType());
        assertTrue(merged.byName("Person").isPresent());
        assertTrue(a.byName("Progress").isEmpty(), "plus leaves its operands unchanged");
    }
}

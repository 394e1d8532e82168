package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.TypeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Values Python's json would refuse must fail with TypeError rather than go out in some other shape. */
class EncodingErrorsTest {

    private final NtCodec codec = Messages.codec();

    private TypeError fails(Object value) {
        return assertThrows(TypeError.class, () -> codec.encode(value));
    }

    @Test
    void rejectsSetsEnumsBytesAndOptionals() {
        assertEquals("java.util.ImmutableCollections$Set12 is not JSON serializable", fails(Set.of(1)).getMessage());
        assertEquals("java.util.concurrent.TimeUnit is not JSON serializable", fails(TimeUnit.SECONDS).getMessage());
        assertEquals("[B is not JSON serializable", fails(new byte[] {1}).getMessage());
        fails(new char[] {'a'});
        fails(Optional.of("x"));
        fails(new Object());
        fails('c');
    }

    @Test
    void rejectsUnserializableValueDeepInsideRecord() {
        TypeError error = fails(List.of(Map.of("k", new Messages.TestNT(1, Set.of()))));
        assertEquals("java.util.ImmutableCollections$SetN is not JSON serializable", error.getMessage());
    }

    @Test
    void rejectsMapKeysPythonCouldNotConvert() {
        Map<Object, Object> map = new HashMap<>();
        map.put(List.of(1, 2), "tuple key");
        assertEquals("map key of type java.util.ImmutableCollections$List12 is not JSON serializable",
                fails(map).getMessage());
    }

    @Test
    void rejectsCyclicValueWithTypeErrorNotStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        fails(cycle);
    }

    @Test
    void rejectsRecordWithUnusableWireNames() {
        fails(new Clash("a", "b"));
    }

    record Clash(String a, @com.fasterxml.jackson.annotation.JsonProperty("a") String b) {
    }
}

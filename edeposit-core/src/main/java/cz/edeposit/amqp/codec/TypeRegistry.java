package cz.edeposit.amqp.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A daemon's decode allow-list: the only structures an {@code __nt_name} in a message can
 * produce.
 *
 * <p>There is deliberately no global registry: several wire names mean different structures in
 * different sub-modules, and the original's name lookup in a global namespace let any publisher
 * call arbitrary functions. Immutable and thread-safe.
 */
public final class TypeRegistry {

    private final Map<String, MessageType<?>> byName;

    private TypeRegistry(Map<String, MessageType<?>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Builds an allow-list of the given structures.
     *
     * @throws IllegalArgumentException if two different structures share a wire name
     */
    public static TypeRegistry of(MessageType<?>... types) {
        return of(Arrays.asList(types));
    }

    /**
     * Builds an allow-list of the given structures.
     *
     * @throws IllegalArgumentException if two different structures share a wire name
     */
    public static TypeRegistry of(Collection<MessageType<?>> types) {
        Map<String, MessageType<?>> map = new LinkedHashMap<>();
        for (MessageType<?> type : types) {
            add(map, Objects.requireNonNull(type, "type"));
        }
        return new TypeRegistry(map);
    }

    private static void add(Map<String, MessageType<?>> map, MessageType<?> type) {
        MessageType<?> previous = map.putIfAbsent(type.wireName(), type);
        // The same structure reached through two merged lists (e.g. a shared nested type) is fine.
        if (previous != null && !previous.equals(type)) {
            throw new IllegalArgumentException("wire name '" + type.wireName() + "' is claimed by both "
                    + previous.javaType().getName() + " and " + type.javaType().getName()
                    + (previous.javaType() == type.javaType() ? " with different defaults" : ""));
        }
    }

    /** The structure allowed under {@code wireName}, if any. */
    public Optional<MessageType<?>> byName(String wireName) {
        return Optional.ofNullable(byName.get(wireName));
    }

    /**
     * This allow-list extended by another one, e.g. a module's request types plus shared ones.
     *
     * @throws IllegalArgumentException if the two give one wire name to different structures
     */
    public TypeRegistry plus(TypeRegistry other) {
        Map<String, MessageType<?>> map = new LinkedHashMap<>(byName);
        for (MessageType<?> type : other.byName.values()) {
            add(map, type);
        }
        return new TypeRegistry(map);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(byName.keySet());
        return "TypeRegistry" + names;
    }
}

package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.ValueError;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One structure the decoder may build: a record class with its wire name, wire field names in
 * declaration order, canonical constructor and the defaults of fields that may be omitted.
 *
 * <p>Immutable; {@link #withDefault} returns a new instance.
 *
 * @param <T> the record class
 */
public final class MessageType<T extends Record> {

    private final Class<T> javaType;
    private final RecordShape shape;
    private final FieldKind[] kinds;
    private final boolean[] primitive;
    private final Map<String, Integer> indexByName;
    private final Constructor<T> constructor;
    private final boolean[] hasDefault;
    private final Object[] defaults;

    private MessageType(Class<T> javaType, RecordShape shape, FieldKind[] kinds, boolean[] primitive,
            Map<String, Integer> indexByName, Constructor<T> constructor, boolean[] hasDefault,
            Object[] defaults) {
        this.javaType = javaType;
        this.shape = shape;
        this.kinds = kinds;
        this.primitive = primitive;
        this.indexByName = indexByName;
        this.constructor = constructor;
        this.hasDefault = hasDefault;
        this.defaults = defaults;
    }

    /** The {@code __nt_name} a record class has on the wire: its {@link NtName}, else its simple name. */
    public static String wireNameOf(Class<? extends Record> type) {
        return RecordShape.wireNameOf(type);
    }

    /**
     * Describes a record class; every component type must be one the wire can carry.
     *
     * @throws IllegalArgumentException if the class is not a record or a component type is unsupported
     */
    public static <T extends Record> MessageType<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        RecordShape shape = RecordShape.of(type);
        Class<?>[] rawTypes = shape.rawTypes();
        FieldKind[] kinds = new FieldKind[shape.size()];
        boolean[] primitive = new boolean[shape.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < kinds.length; i++) {
            String field = shape.fieldNames().get(i);
            try {
                kinds[i] = FieldKind.of(shape.genericType(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        shape.wireName() + "." + field + " (" + type.getName() + "): " + e.getMessage(), e);
            }
            primitive[i] = rawTypes[i].isPrimitive();
            index.put(field, i);
        }
        Constructor<T> constructor;
        try {
            constructor = RecordShape.accessible(type.getDeclaredConstructor(rawTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
        }
        return new MessageType<>(type, shape, kinds, primitive, Map.copyOf(index), constructor,
                new boolean[kinds.length], new Object[kinds.length]);
    }

    /**
     * Lets {@code wireField} be omitted on the wire, standing for {@code javaValue}, as the Python
     * constructor's keyword default did. Use an immutable value: it is shared by every decode.
     *
     * @throws IllegalArgumentException if the field does not exist or the value does not fit it
     */
    public MessageType<T> withDefault(String wireField, Object javaValue) {
        Integer i = indexByName.get(wireField);
        if (i == null) {
            throw new IllegalArgumentException(
                    wireName() + " (" + javaType.getName() + ") has no field '" + wireField + "'");
        }
        if (!kinds[i].accepts(javaValue) || (primitive[i] && javaValue == null)) {
            throw new IllegalArgumentException("default " + javaValue + " does not fit " + wireName()
                    + "." + wireField + ", which must be " + kinds[i].describe());
        }
        boolean[] nextHas = hasDefault.clone();
        Object[] nextDefaults = defaults.clone();
        nextHas[i] = true;
        nextDefaults[i] = javaValue;
        return new MessageType<>(javaType, shape, kinds, primitive, indexByName, constructor,
                nextHas, nextDefaults);
    }

    /** The {@code __nt_name} of this structure. */
    public String wireName() {
        return shape.wireName();
    }

    /** The record class built for this structure. */
    public Class<T> javaType() {
        return javaType;
    }

    List<String> fieldNames() {
        return shape.fieldNames();
    }

    /** The component index of a wire field, or -1. */
    int indexOf(String wireField) {
        Integer i = indexByName.get(wireField);
        return i == null ? -1 : i;
    }

    FieldKind kind(int index) {
        return kinds[index];
    }

    boolean isPrimitive(int index) {
        return primitive[index];
    }

    boolean hasDefault(int index) {
        return hasDefault[index];
    }

    Object defaultValue(int index) {
        return defaults[index];
    }

    /** Runs the canonical constructor, reporting its validation failures as Python did: ValueError. */
    T construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                String message = cause.getMessage();
                throw new ValueError(message != null ? message : cause.getClass().getSimpleName(), cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + javaType.getName(), e);
        }
    }

    /** Equal when the same record would be built with the same defaults, so re-registering is harmless. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MessageType<?> that
                && javaType == that.javaType
                && Arrays.equals(hasDefault, that.hasDefault)
                && Arrays.deepEquals(defaults, that.defaults);
    }

    @Override
    public int hashCode() {
        return javaType.hashCode() * 31 + Arrays.deepHashCode(defaults);
    }

    @Override
    public String toString() {
        return "MessageType[" + wireName() + " = " + javaType.getName() + "]";
    }
}

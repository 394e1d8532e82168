package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The shape a record component expects on the wire, worked out once from its generic type so that
 * decoding never reflects on anything a message names.
 */
sealed interface FieldKind {

    /** Text for "X must be DESCRIPTION, not ..." messages. */
    String describe();

    /** Whether a Java value may stand for this kind, used to check declared defaults. */
    boolean accepts(Object value);

    /** Leaf kinds; primitive and boxed components share one, nullability is tracked separately. */
    enum Scalar implements FieldKind {
        STRING("a string", String.class),
        INT("an integer", Integer.class),
        LONG("an integer", Long.class),
        BIG_INTEGER("an integer", BigInteger.class),
        DOUBLE("a number", Double.class),
        FLOAT("a number", Float.class),
        BOOLEAN("a boolean", Boolean.class),
        ANY("any JSON value", Object.class);

        private final String description;
        private final Class<?> javaType;

        Scalar(String description, Class<?> javaType) {
            this.description = description;
            this.javaType = javaType;
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || javaType.isInstance(value);
        }
    }

    /** A JSON array decoded into a list of {@code element}. */
    record ListOf(FieldKind element) implements FieldKind {
        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || value instanceof List<?>;
        }
    }

    /** A JSON object without {@code __nt_name}, decoded into a map with string keys. */
    record MapOf(FieldKind value) implements FieldKind {
        @Override
        public String describe() {
            return "an object";
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || value instanceof Map<?, ?>;
        }
    }

    /** A nested structure of one exact record type. */
    record RecordOf(Class<?> type, String wireName) implements FieldKind {
        @Override
        public String describe() {
            return "a " + wireName + " record";
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || type.isInstance(value);
        }
    }

    /** A polymorphic field: any allowed record implementing {@code type}. */
    record Implementing(Class<?> type) implements FieldKind {
        @Override
        public String describe() {
            return "a record implementing " + type.getSimpleName();
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || type.isInstance(value);
        }
    }

    /** The raw JSON tree, for payloads a handler wants to inspect itself. */
    record Tree(Class<?> type) implements FieldKind {
        @Override
        public String describe() {
            return "a JSON " + type.getSimpleName();
        }

        @Override
        public boolean accepts(Object value) {
            return value == null || type.isInstance(value);
        }
    }

    /** @throws IllegalArgumentException for a component type the wire cannot carry */
    static FieldKind of(Type type) {
        if (type instanceof WildcardType wildcard) {
            Type[] upper = wildcard.getUpperBounds();
            return wildcard.getLowerBounds().length == 0 && upper.length == 1
                    ? of(upper[0]) : unsupported(type);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (raw == List.class || raw == Collection.class) {
                return new ListOf(of(args[0]));
            }
            if (raw == Map.class && isStringKey(args[0])) {
                return new MapOf(of(args[1]));
            }
            return unsupported(type);
        }
        if (!(type instanceof Class<?> cls)) {
            return unsupported(type);
        }
        if (cls == String.class) {
            return Scalar.STRING;
        } else if (cls == int.class || cls == Integer.class) {
            return Scalar.INT;
        } else if (cls == long.class || cls == Long.class) {
            return Scalar.LONG;
        } else if (cls == BigInteger.class) {
            return Scalar.BIG_INTEGER;
        } else if (cls == double.class || cls == Double.class) {
            return Scalar.DOUBLE;
        } else if (cls == float.class || cls == Float.class) {
            return Scalar.FLOAT;
        } else if (cls == boolean.class || cls == Boolean.class) {
            return Scalar.BOOLEAN;
        } else if (cls == Object.class) {
            return Scalar.ANY;
        } else if (cls == List.class || cls == Collection.class) {
            return new ListOf(Scalar.ANY);
        } else if (cls == Map.class) {
            return new MapOf(Scalar.ANY);
        } else if (JsonNode.class.isAssignableFrom(cls)) {
            return new Tree(cls);
        } else if (cls.isRecord()) {
            return new RecordOf(cls, RecordShape.of(cls).wireName());
        } else if (cls.isInterface() && !cls.isAnnotation() && !cls.getPackageName().startsWith("java.")) {
            // JDK interfaces (Set, Iterable, CharSequence) are never message types; a component
            // declared with one is a modelling mistake best reported when the type is registered.
            return new Implementing(cls);
        }
        return unsupported(type);
    }

    private static boolean isStringKey(Type key) {
        return key == String.class
                || key instanceof WildcardType w && w.getUpperBounds()[0] == String.class;
    }

    private static FieldKind unsupported(Type type) {
        throw new IllegalArgumentException("unsupported component type " + type.getTypeName());
    }
}

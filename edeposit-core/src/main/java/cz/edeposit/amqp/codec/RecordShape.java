package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the codec needs to know about a record class regardless of the allow-list: its wire name
 * and its components' wire names, accessors and declared types.
 *
 * <p>Encoding works on any record (replies need no registration), so shapes are cached per class
 * rather than per registry.
 */
final class RecordShape {

    static final String NT_NAME = "__nt_name";

    private static final ClassValue<RecordShape> CACHE = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final String wireName;
    private final List<String> fieldNames;
    private final Method[] accessors;
    private final Type[] genericTypes;
    private final Class<?>[] rawTypes;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        wireName = wireNameOf(type);
        RecordComponent[] components = type.getRecordComponents();
        String[] names = new String[components.length];
        accessors = new Method[components.length];
        genericTypes = new Type[components.length];
        rawTypes = new Class<?>[components.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            names[i] = fieldNameOf(type, component);
            if (names[i].equals(NT_NAME) || !seen.add(names[i])) {
                throw new IllegalArgumentException(
                        type.getName() + " cannot use the wire field name '" + names[i] + "' twice");
            }
            accessors[i] = accessible(component.getAccessor());
            genericTypes[i] = component.getGenericType();
            rawTypes[i] = component.getType();
        }
        fieldNames = List.of(names);
    }

    /** @throws IllegalArgumentException if the class is not a usable record */
    static RecordShape of(Class<?> type) {
        return CACHE.get(type);
    }

    static String wireNameOf(Class<?> type) {
        NtName annotation = type.getAnnotation(NtName.class);
        if (annotation == null) {
            return type.getSimpleName();
        }
        if (annotation.value().isEmpty()) {
            throw new IllegalArgumentException("@NtName on " + type.getName() + " is empty");
        }
        return annotation.value();
    }

    // @JsonProperty has no RECORD_COMPONENT target, so javac propagates it only to the field,
    // the accessor and the constructor parameter; the field is the one that is always implicit.
    private static String fieldNameOf(Class<?> type, RecordComponent component) {
        try {
            Field field = type.getDeclaredField(component.getName());
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record " + type.getName() + " lacks its component field", e);
        }
        return component.getName();
    }

    // Records declared inside test classes or as package-private message types are not public.
    static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        try {
            member.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot access " + member + ": " + e.getMessage(), e);
        }
        return member;
    }

    String wireName() {
        return wireName;
    }

    List<String> fieldNames() {
        return fieldNames;
    }

    int size() {
        return accessors.length;
    }

    Type genericType(int index) {
        return genericTypes[index];
    }

    Class<?>[] rawTypes() {
        return rawTypes.clone();
    }

    Object component(Object record, int index) {
        try {
            return accessors[index].invoke(record);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

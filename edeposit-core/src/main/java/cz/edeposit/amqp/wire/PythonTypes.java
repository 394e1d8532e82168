package cz.edeposit.amqp.wire;

import java.util.List;
import java.util.Map;

/**
 * How the Python original named types on the wire: a decoded value's Python 2 type (in "Unknown type
 * of request" messages) and an exception's {@code exception_name} and {@code exception_type} headers.
 */
public final class PythonTypes {

    private PythonTypes() {
    }

    /**
     * Python's {@code type(value).__name__} for a decoded JSON value ({@code NoneType}, {@code dict},
     * {@code list}, {@code unicode}, {@code bool}, {@code float}, {@code int}); a message record's name.
     */
    public static String name(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof String) {
            return "unicode";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        return value.getClass().getSimpleName();
    }

    /** Python 2's {@code str(type(value))} for a built-in type, e.g. {@code <type 'dict'>}. */
    public static String typeText(Object value) {
        return "<type '" + name(value) + "'>";
    }

    /** The {@code exception_name} clients branch on: the Python class name of the original. */
    public static String exceptionName(Throwable error) {
        if (error instanceof WireException wire) {
            return wire.wireName();
        }
        return error.getClass().getSimpleName();
    }

    /** The {@code exception_type}: {@code <type 'exceptions.NAME'>} for Python built-ins, else {@code <class '...'>}. */
    public static String exceptionType(Throwable error) {
        if (error instanceof WireException wire && wire.builtin()) {
            return "<type 'exceptions." + wire.wireName() + "'>";
        }
        return "<class '" + error.getClass().getName() + "'>";
    }
}

package cz.edeposit.amqp.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import cz.edeposit.amqp.settings.SettingsSchema.Entry;
import cz.edeposit.amqp.settings.SettingsSchema.Kind;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The conversion rules shared by settings files and environment variables, and the safe rendering of values. */
final class Values {
    static final String MASK = "****";
    private static final int MAX_SHOWN = 60;
    private static final Pattern PORT_TEXT = Pattern.compile("\\d{1,5}");

    private Values() {
    }

    /**
     * Converts a JSON value of a settings file.
     *
     * @param where the start of an error message, for example {@code "/etc/edeposit/amqp.json: RABBITMQ_PORT"}
     */
    static Object fromJson(Entry entry, JsonNode node, String where) {
        Object value = node.isTextual() ? convertText(entry.kind(), node.textValue()) : convertNonText(entry.kind(), node);
        if (value == null) {
            throw mismatch(entry, where, describe(entry.kind(), node));
        }
        return value;
    }

    /**
     * Converts the text of an environment variable with the same rules as a JSON string.
     *
     * @param where the start of an error message, for example {@code "EDEPOSIT_RABBITMQ_PORT:"}
     */
    static Object fromText(Entry entry, String text, String where) {
        Object value = convertText(entry.kind(), text);
        if (value == null) {
            throw mismatch(entry, where, entry.kind() == Kind.SECRET ? "a string" : quote(text));
        }
        return value;
    }

    /** The text of a stored value for logs and toString, with secrets masked. */
    static String show(Entry entry, Object value) {
        return entry.kind() == Kind.SECRET ? MASK : String.valueOf(value);
    }

    /** The port number in {@code text} (surrounding blanks allowed), or null when it is not one. */
    static Integer parsePort(String text) {
        String t = text.strip();
        if (!PORT_TEXT.matcher(t).matches()) {
            return null;
        }
        return checkPort(Integer.parseInt(t));
    }

    private static Integer checkPort(long port) {
        return port >= 1 && port <= 65535 ? (int) port : null;
    }

    // Returns null when the text does not fit the kind; the caller builds the message.
    private static Object convertText(Kind kind, String text) {
        switch (kind) {
            case STRING, SECRET:
                return text;
            case PORT:
                Integer port = parsePort(text);
                return port == null ? null : port.toString();
            case INTEGER:
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOL:
                String t = text.strip();
                return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
            case DECIMAL:
                try {
                    double d = new BigDecimal(text.strip()).doubleValue();
                    return Double.isFinite(d) ? d : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            default:
                throw new AssertionError(kind);
        }
    }

    private static Object convertNonText(Kind kind, JsonNode node) {
        switch (kind) {
            case STRING, SECRET:
                return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
            case PORT:
                Integer port = node.isIntegralNumber() && node.canConvertToLong() ? checkPort(node.longValue()) : null;
                return port == null ? null : port.toString();
            case INTEGER:
                return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
            case BOOL:
                return node.isBoolean() ? node.booleanValue() : null;
            case DECIMAL:
                return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
            default:
                throw new AssertionError(kind);
        }
    }

    private static ConfigException mismatch(Entry entry, String where, String found) {
        return new ConfigException(where + " must be " + entry.kind().expected + ", not " + found);
    }

    // A secret's value is described by its shape only, so a mistyped password never reaches a log.
    private static String describe(Kind kind, JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (kind == Kind.SECRET) {
            return node.isBoolean() ? "a boolean" : node.isNumber() ? "a decimal number" : "a string";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue().toString();
        }
        return quote(node.isTextual() ? node.textValue() : node.toString());
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
        return TextNode.valueOf(shown).toString();
    }
}

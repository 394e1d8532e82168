package cz.edeposit.amqp.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import cz.edeposit.amqp.settings.SettingsSchema.Entry;
import cz.edeposit.amqp.settings.SettingsSchema.Kind;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The conversion and range rules shared by settings files and environment variables, and the safe rendering of values. */
final class Values {
    static final String MASK = "****";
    private static final int MAX_SHOWN = 60;
    private static final Pattern PORT_TEXT = Pattern.compile("\\d{1,5}");

    private Values() {
    }

    /**
     * Converts and checks a JSON value of a settings file.
     *
     * @param where the origin for the message: the file's path
     */
    static Object fromJson(Entry entry, JsonNode node, String where) {
        Object value = node.isTextual() ? convertText(entry.kind(), node.textValue()) : convertNonText(entry.kind(), node);
        if (value == null || !inRange(entry, value)) {
            throw SettingsErrors.invalid(where, entry.key(), "must be " + entry.expected() + ", not " + describe(entry.kind(), node));
        }
        return value;
    }

    /**
     * Converts and checks the text of an environment variable with the same rules as a JSON string.
     *
     * @param variable the variable's name, {@code EDEPOSIT_<KEY>}
     */
    static Object fromText(Entry entry, String text, String variable) {
        Object value = convertText(entry.kind(), text);
        if (value == null || !inRange(entry, value)) {
            throw SettingsErrors.invalid(variable, entry.key(), "must be " + entry.expected() + ", not "
                    + (entry.kind() == Kind.SECRET ? "a string" : quote(text)));
        }
        return value;
    }

    /** The text of a stored value for logs and toString, with secrets masked. */
    static String show(Entry entry, Object value) {
        if (entry.kind() == Kind.SECRET) {
            return MASK;
        }
        if (value instanceof Duration duration) {
            return plain(duration.toNanos() / 1e9) + " s";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(Object::toString).orElse("");
        }
        return String.valueOf(value);
    }

    /** The port number in {@code text} (surrounding blanks allowed), or null when it is not one. */
    static Integer parsePort(String text) {
        String t = text.strip();
        if (!PORT_TEXT.matcher(t).matches()) {
            return null;
        }
        return checkPort(Integer.parseInt(t));
    }

    /** Whether a converted value lies in the entry's declared range; kinds without a range always do. */
    static boolean inRange(Entry entry, Object value) {
        if (entry.min() == null) {
            return true;
        }
        if (value instanceof Duration duration) {
            double seconds = duration.toNanos() / 1e9;
            return seconds >= entry.min().doubleValue() && seconds <= entry.max().doubleValue();
        }
        long number = (Long) value;
        return number >= entry.min().longValue() && number <= entry.max().longValue();
    }

    /** A number of seconds as a Duration, to the nanosecond. */
    static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** A byte count, with its binary unit when it is a whole number of KiB, MiB or GiB: {@code 1073741824 (1 GiB)}. */
    static String bytes(long count) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (30 - 10 * i);
            if (count >= unit && count % unit == 0) {
                return count + " (" + count / unit + " " + units[i] + ")";
            }
        }
        return Long.toString(count);
    }

    /** A number without a needless fraction or exponent: 86400, 0.001. */
    static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static Integer checkPort(long port) {
        return port >= 1 && port <= 65535 ? (int) port : null;
    }

    // Returns null when the text does not fit the kind; the caller builds the message.
    static Object convertText(Kind kind, String text) {
        switch (kind) {
            case STRING, SECRET:
                return text;
            case NON_BLANK:
                return text.isBlank() ? null : text.strip();
            case PORT:
                Integer port = parsePort(text);
                return port == null ? null : port.toString();
            case INTEGER, BYTES:
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOL:
                String t = text.strip();
                return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
            case DECIMAL, SECONDS:
                Double d = decimal(text);
                return d == null ? null : kind == Kind.SECONDS ? duration(d) : d;
            case PATH:
                return text.isEmpty() ? null : absolute(text);
            case OPTIONAL_PATH:
                if (text.isBlank()) {
                    return Optional.empty();
                }
                Path path = absolute(text);
                return path == null ? null : Optional.of(path);
            case HTTP_URL:
                return httpUrl(text.strip());
            case STRINGS:
                List<String> items = new ArrayList<>();
                for (String item : text.split(",", -1)) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                return List.copyOf(items);
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
            case INTEGER, BYTES:
                return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
            case BOOL:
                return node.isBoolean() ? node.booleanValue() : null;
            case DECIMAL:
                return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
            case SECONDS:
                return node.isNumber() && Double.isFinite(node.doubleValue()) ? duration(node.doubleValue()) : null;
            case STRINGS:
                if (!node.isArray()) {
                    return null;
                }
                List<String> items = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        return null;
                    }
                    items.add(item.textValue());
                }
                return strings(items);
            case NON_BLANK, PATH, OPTIONAL_PATH, HTTP_URL:
                return null;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The items stripped, as an unmodifiable list; null when one is blank. */
    static List<String> strings(List<String> items) {
        List<String> stripped = new ArrayList<>(items.size());
        for (String item : items) {
            if (item == null || item.isBlank()) {
                return null;
            }
            stripped.add(item.strip());
        }
        return List.copyOf(stripped);
    }

    private static Double decimal(String text) {
        try {
            double d = new BigDecimal(text.strip()).doubleValue();
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Path absolute(String text) {
        try {
            Path path = Path.of(text);
            return path.isAbsolute() ? path.normalize() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            }
        } catch (URISyntaxException e) {
            // Not a URL at all: the caller reports it like any other unusable URL.
        }
        return null;
    }

    // A secret's value is described by its shape only, so a mistyped password never reaches a log.
    private static String describe(Kind kind, JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return kind == Kind.STRINGS ? shortened(node.toString()) : "a list";
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

    static String quote(String text) {
        return TextNode.valueOf(shortened(text)).toString();
    }

    private static String shortened(String text) {
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    }
}

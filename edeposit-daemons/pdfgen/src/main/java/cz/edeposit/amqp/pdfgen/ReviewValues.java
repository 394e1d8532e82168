package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.wire.ValueError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a value of the review printout is printed: {@code true} Ano, {@code false} Ne, null, blank or
 * an empty list Nezvoleno, a list as its items' titles (or the items) joined by ", ", a number as sent,
 * text literally; an http(s) URL is a link. An object is a {@code ValueError} naming the field.
 */
final class ReviewValues {

    static final String YES = "Ano";
    static final String NO = "Ne";
    static final String NOT_CHOSEN = "Nezvoleno";

    private ReviewValues() {
    }

    /** The runs that print {@code value} of the field {@code field}. */
    static List<Run> runs(String field, Object value) {
        String text = text(field, value);
        if (value instanceof String && Links.linkable(text) && !text.strip().contains(" ")) {
            return List.of(new Run(text.strip(), TextStyle.REGULAR, text.strip()));
        }
        return List.of(Run.plain(text));
    }

    static String text(String field, Object value) {
        if (value == null) {
            return NOT_CHOSEN;
        }
        if (value instanceof Boolean bool) {
            return bool ? YES : NO;
        }
        if (value instanceof String string) {
            return string.isBlank() ? NOT_CHOSEN : string;
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? NOT_CHOSEN : list(field, list);
        }
        throw new ValueError(field + " must be text, a number, a boolean, null or a list, not an object");
    }

    private static String number(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : number.toString();
        }
        return number.toString();
    }

    private static String list(String field, List<?> list) {
        List<String> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                Object title = map.get("title");
                if (title == null || title instanceof Map || title instanceof List) {
                    throw new ValueError(field + ": a list item that is an object must have a text \"title\"");
                }
                items.add(text(field, title));
            } else if (item instanceof List) {
                throw new ValueError(field + ": a list item must not be a list");
            } else {
                items.add(text(field, item));
            }
        }
        return String.join(", ", items);
    }

    /** How many characters of text {@code value} brings, for PDFGEN_MAX_INPUT_CHARS. */
    static long chars(Object value) {
        if (value instanceof String string) {
            return string.length();
        }
        if (value instanceof List<?> list) {
            long sum = 0;
            for (Object item : list) {
                sum += chars(item);
            }
            return sum;
        }
        if (value instanceof Map<?, ?> map) {
            long sum = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sum += String.valueOf(entry.getKey()).length() + chars(entry.getValue());
            }
            return sum;
        }
        return value == null ? 0 : String.valueOf(value).length();
    }
}

package cz.edeposit.amqp.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} header (RFC 9110 section 14): {@code bytes=a-b}, {@code a-} or
 * {@code -n}. Several ranges, or a header this does not understand, mean the whole file.
 *
 * @param first the first byte served
 * @param last  the last byte served (inclusive)
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** The outcome of reading a {@code Range} header against a file's size. */
    sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** Serve the whole file (200). */
    record Whole() implements Outcome {
    }

    /** Serve {@code range} (206). */
    record Partial(ByteRange range) implements Outcome {
    }

    /** No byte of the file is in the range (416). */
    record Unsatisfiable() implements Outcome {
    }

    long length() {
        return last - first + 1;
    }

    static Outcome of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        Optional<Long> start = number(m.group(1));
        Optional<Long> end = number(m.group(2));
        if (start.isEmpty()) {
            long suffix = end.orElse(0L);
            return suffix == 0 || size == 0 ? new Unsatisfiable()
                    : new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = start.get();
        if (first >= size) {
            return new Unsatisfiable();
        }
        if (end.isPresent() && end.get() < first) {
            return new Whole(); // an invalid range is ignored
        }
        return new Partial(new ByteRange(first, Math.min(size - 1, end.orElse(size - 1))));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.of(Long.MAX_VALUE);
        }
    }
}

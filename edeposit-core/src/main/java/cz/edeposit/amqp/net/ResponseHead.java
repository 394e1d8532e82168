package cz.edeposit.amqp.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status and headers of a response, read up to its body; interim (1xx) answers are skipped. Header names are
 * lower case in a case-insensitive map, a repeated header's values in order, folded lines (obs-fold) joined with a
 * space as RFC 9112 asks. Every line is at most {@link HttpLines#MAX_LINE} bytes and the head, status lines
 * included, at most {@link #MAX_HEAD}; a line that is neither a status line nor a header is no HTTP.
 */
record ResponseHead(int status, Map<String, List<String>> headers) {

    static final int MAX_HEAD = 64 * 1024;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-9]\\d\\d)(?: .*)?");

    /** Reads the head from {@code in}; the failures are {@link HttpFailure.Step#RESPONSE} ones. */
    static ResponseHead read(InputStream in) throws HttpFailure, IOException {
        int[] budget = {MAX_HEAD};
        while (true) {
            String line;
            try {
                line = line(in, budget);
            } catch (EOFException e) {
                throw HttpFailure.answer(HttpFailure.Kind.NOT_HTTP); // part of a line, then the end: no HTTP server
            }
            if (line == null) {
                throw HttpFailure.answer(HttpFailure.Kind.NO_ANSWER);
            }
            Matcher matcher = STATUS_LINE.matcher(line);
            if (!matcher.matches()) {
                // Never quoted: the first line of an SSH or AMQP server would tell what listens there.
                throw HttpFailure.answer(HttpFailure.Kind.NOT_HTTP);
            }
            int status = Integer.parseInt(matcher.group(1));
            Map<String, List<String>> headers = headers(in, budget);
            if (status >= 200) {
                return new ResponseHead(status, headers);
            }
        }
    }

    private static Map<String, List<String>> headers(InputStream in, int[] budget) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String name = null;
        while (true) {
            String line = line(in, budget);
            if (line == null) {
                throw new EOFException("the connection closed in the middle of the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                List<String> values = headers.get(name);
                int last = values.size() - 1;
                values.set(last, (values.get(last) + " " + line.strip()).strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw HttpFailure.answer(HttpFailure.Kind.NOT_HTTP);
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
    }

    /** A line of the head, counted against what is left of {@link #MAX_HEAD}; too long a line is no HTTP. */
    private static String line(InputStream in, int[] budget) throws IOException {
        String line;
        try {
            line = HttpLines.line(in);
        } catch (HttpLines.LineTooLong e) {
            throw HttpFailure.answer(HttpFailure.Kind.NOT_HTTP);
        }
        if (line != null) {
            budget[0] -= line.length() + 2;
            if (budget[0] < 0) {
                throw HttpFailure.answer(HttpFailure.Kind.HEAD_TOO_LARGE);
            }
        }
        return line;
    }

    /** The first value of {@code name}, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.wire.ValueError;

import java.util.regex.Pattern;

/**
 * Checks of the request's short texts that go into the package's XML: XML 1.0 cannot carry control
 * characters, so a text with one would make a file LTP cannot read.
 */
final class RequestText {

    /** A URN:NBN as the Czech resolver issues it, {@code urn:nbn:cz:nkp-000001}: printable, no spaces. */
    private static final Pattern URN_NBN = Pattern.compile("(?i)urn:nbn:[a-z0-9]{2,}:[\\x21-\\x7e]{1,100}");

    private static final int MAX_URL = 2048;

    private RequestText() {
    }

    /** {@code urnNbn} stripped, or null when blank; a {@code ValueError} when it is not a URN:NBN. */
    static String urnNbn(String urnNbn) {
        if (urnNbn == null || urnNbn.isBlank()) {
            return null;
        }
        String value = urnNbn.strip();
        if (!URN_NBN.matcher(value).matches()) {
            throw new ValueError("urn_nbn must be a URN:NBN such as \"urn:nbn:cz:nkp-000001\", not " + Printable.of(value));
        }
        return value;
    }

    /** {@code url} when it has no control character and at most 2048 characters; a {@code ValueError} otherwise. */
    static String url(String url) {
        if (url != null && (url.length() > MAX_URL || url.chars().anyMatch(Character::isISOControl))) {
            throw new ValueError("url must be at most " + MAX_URL + " characters without control characters, not "
                    + Printable.of(url));
        }
        return url;
    }
}

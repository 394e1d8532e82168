package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.HttpUris;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Turns the URL of a request into one the downloader may fetch: http or https with a host, nothing
 * else, so a message can never make the daemon read {@code file:} or {@code jar:} resources.
 */
final class UrlPolicy {

    /** The longest URL accepted, as browsers and servers commonly limit it (a request line of 8 KiB). */
    static final int MAX_URL_CHARS = 8 * 1024;

    private static final int SHOWN_CHARS = 300;

    private UrlPolicy() {
    }

    /**
     * Parses {@code url}, percent-encoding characters a URI may not contain (spaces, non-ASCII), as
     * python-requests did.
     *
     * @throws MissingSchema  without a scheme
     * @throws InvalidSchema  for any scheme but http and https
     * @throws InvalidURL     when it is longer than {@value #MAX_URL_CHARS} characters, cannot be
     *                        parsed or names no host
     */
    static URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new MissingSchema("Invalid URL " + shown(url) + ": no URL given; send an http:// or https:// URL");
        }
        if (url.length() > MAX_URL_CHARS) {
            throw new InvalidURL("Invalid URL " + shown(url) + ": " + url.length() + " characters, longer than the "
                    + MAX_URL_CHARS + " the downloader accepts");
        }
        URI uri;
        try {
            uri = new URI(HttpUris.requote(url.strip()));
        } catch (URISyntaxException e) {
            // Without the cause: its text repeats the URL with its user and password, into the traceback.
            throw new InvalidURL("Invalid URL " + shown(url) + ": " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new MissingSchema("Invalid URL " + shown(url) + ": no scheme supplied; perhaps you meant http://"
                    + shorten(masked(url.strip())) + "?");
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new InvalidSchema("No connection adapters were found for " + shown(url)
                    + ": the downloader fetches only http and https URLs, not " + lower + ":");
        }
        if (uri.getHost() == null) {
            throw new InvalidURL("Invalid URL " + shown(url) + ": no host supplied");
        }
        return uri;
    }

    /** The URL quoted, without its user and password, and cut, for an error text or a log line. */
    static String shown(String url) {
        return url == null ? "None" : "'" + shorten(masked(url)) + "'";
    }

    /** A parsed URL for an error text or a log line: {@code http://***@host/} instead of its user and password, cut. */
    static String safe(URI uri) {
        return shorten(masked(uri.toString()));
    }

    /**
     * {@code url} with whatever precedes an {@code @} in its authority replaced by {@code ***}: the
     * user and password never reach a reply or a log. Works on any text, parsed or not, with or
     * without a scheme.
     */
    static String masked(String url) {
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && url.lastIndexOf('/', scheme) < 0 ? scheme + 3 : 0;
        int end = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = url.indexOf(c, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int userinfo = url.lastIndexOf('@', end - 1);
        if (userinfo < start) {
            return url;
        }
        return url.substring(0, start) + "***" + url.substring(userinfo);
    }

    static String shorten(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}

package cz.edeposit.amqp.downloader;

import java.util.Locale;
import java.util.Map;

/**
 * The usual spelling of a header name. java.net.http lower-cases the names it receives, while the
 * original passed on the server's spelling ({@code Content-Length}), which Python clients index
 * with; the usual spelling is what nearly every server sends.
 */
final class HeaderNames {

    /** Names whose usual spelling is not one capital per dash-separated word. */
    private static final Map<String, String> IRREGULAR = Map.of(
            "etag", "ETag",
            "www-authenticate", "WWW-Authenticate",
            "content-md5", "Content-MD5",
            "content-id", "Content-ID",
            "te", "TE",
            "dnt", "DNT",
            "x-xss-protection", "X-XSS-Protection",
            "x-ua-compatible", "X-UA-Compatible");

    private HeaderNames() {
    }

    static String usual(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(lower);
        if (irregular != null) {
            return irregular;
        }
        StringBuilder out = new StringBuilder(lower.length());
        boolean wordStart = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '-';
        }
        return out.toString();
    }
}

package cz.edeposit.amqp.net;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The parts of an http or https URL that connecting needs: the bare host, the port, and text a URI may hold. */
public final class HttpUris {

    private static final String URI_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

    private HttpUris() {
    }

    /** The host without the brackets of an IPv6 literal. */
    public static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether {@code host} is an address (IPv6, or IPv4 in any form Java reads: digits and dots), not a name. */
    public static boolean isLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The port of {@code uri}, or the scheme's default. */
    public static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri);
    }

    static int defaultPort(URI uri) {
        return https(uri) ? 443 : 80;
    }

    static boolean https(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** {@code url} with the characters a URI may not contain percent-encoded (UTF-8), as python-requests did. */
    public static String requote(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 128 && URI_CHARS.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return out.toString();
    }
}

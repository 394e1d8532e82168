package cz.edeposit.amqp.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The addresses of the download server, built the same way in replies and in its pages. */
final class WebPaths {

    private final String base;
    private final StorageSettings.WebSettings web;

    WebPaths(StorageSettings.WebSettings web) {
        this.web = web;
        URI baseUrl = web.baseUrl();
        this.base = baseUrl.toString();
    }

    /** {@code <base>/UUID/<uuid>}, or null without uuid. */
    String publication(String uuid) {
        return uuid == null ? null : base + "/" + web.uuidKey() + "/" + segment(uuid);
    }

    /** {@code <base>/tree_by_path/<path>}, each part of the path percent-encoded. */
    String treeByPath(String path) {
        StringBuilder url = new StringBuilder(base).append('/').append(web.pathKey());
        for (String part : path.split("/", -1)) {
            url.append('/').append(segment(part));
        }
        return url.toString();
    }

    /** {@code <base>/tree_by_issn/<issn>}, or null without ISSN (where the original crashed). */
    String treeByIssn(String issn) {
        return issn == null ? null : base + "/" + web.issnKey() + "/" + segment(issn);
    }

    /** Percent-encodes UTF-8 text for one path segment: only RFC 3986 unreserved characters stay. */
    static String segment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}

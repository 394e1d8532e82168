package cz.edeposit.amqp.net;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which answers are redirects and where they may lead: at most {@value #MAX} hops, only to http and https URLs with a
 * host (a redirect to {@code file:} cannot read local files), never from https down to http. The caller checks every
 * hop's destination against its {@link DestinationPolicy} before connecting.
 */
public final class Redirects {

    /** As java.net.http, which the downloader used before; docs/downloader.md and docs/harvester.md say 5. */
    public static final int MAX = 5;

    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    /** A redirect that is not followed; the message says why, without the target. */
    public static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Whether {@code status} with a Location is a redirect to follow. */
    public static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /**
     * The URL {@code location} leads to from {@code current}.
     *
     * @throws Refused "not an http or https URL" or "from https to http"
     */
    public static URI next(URI current, String location) throws Refused {
        URI next;
        try {
            next = current.resolve(new URI(HttpUris.requote(location.strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Refused("not an http or https URL");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            throw new Refused("not an http or https URL");
        }
        if (HttpUris.https(current) && scheme.equals("http")) {
            throw new Refused("from https to http");
        }
        return next;
    }
}

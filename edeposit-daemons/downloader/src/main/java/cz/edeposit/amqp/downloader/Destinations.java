package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves the host of a URL once and checks every address against the {@link DestinationPolicy}:
 * the connection then goes to one of these checked addresses, never to a name, so no second DNS
 * answer can slip between the check and the connection (DNS rebinding).
 */
final class Destinations {

    private static final Logger log = LoggerFactory.getLogger(Destinations.class);

    /** Looks a host up; a seam so that tests can give a name any address without DNS. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final DestinationPolicy policy;
    private final Resolver resolver;
    private final NetworkFailures failures;

    Destinations(DestinationPolicy policy, Resolver resolver, NetworkFailures failures) {
        this.policy = policy;
        this.resolver = resolver;
        this.failures = failures;
    }

    /**
     * The addresses of {@code uri}'s host, all allowed, in the resolver's order.
     *
     * @throws InvalidURL      when any of them is not allowed: nothing is connected to
     * @throws ConnectionError when the host has no address
     */
    List<InetAddress> check(URI uri) {
        String host = bare(uri.getHost());
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw failures.unknownHost(uri, e);
        }
        for (InetAddress address : addresses) {
            if (!policy.allows(address)) {
                log.info("Refused {}: {} resolves to {}, which DOWNLOADER_ALLOW_NETWORKS and DOWNLOADER_DENY_NETWORKS"
                        + " do not allow", UrlPolicy.safe(uri), host, Network.text(address));
                // A name is shown as given, never what it resolved to: replies must not map internal DNS.
                throw new InvalidURL("destination " + (isLiteral(host) ? Network.text(address) : UrlPolicy.shorten(host))
                        + " is not allowed (DOWNLOADER_ALLOW_NETWORKS)");
            }
        }
        return List.of(addresses);
    }

    /** Whether {@code host} is an address (IPv6, or IPv4 in any form Java reads: digits and dots), not a name. */
    static boolean isLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The host without the brackets of an IPv6 literal. */
    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}

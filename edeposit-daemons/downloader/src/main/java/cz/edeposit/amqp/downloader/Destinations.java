package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.DestinationRefused;
import cz.edeposit.amqp.net.HttpUris;
import cz.edeposit.amqp.net.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The {@link DestinationPolicy} check of a URL's host in the downloader's words: the host is resolved once, every
 * address must be allowed, and the connection then goes to one of these checked addresses, never to a name, so no
 * second DNS answer can slip between the check and the connection (DNS rebinding).
 */
final class Destinations {

    private static final Logger log = LoggerFactory.getLogger(Destinations.class);

    private final DestinationPolicy policy;
    private final DestinationPolicy.Resolver resolver;
    private final NetworkFailures failures;

    Destinations(DestinationPolicy policy, DestinationPolicy.Resolver resolver, NetworkFailures failures) {
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
        String host = HttpUris.bare(uri.getHost());
        try {
            return policy.check(host, resolver);
        } catch (UnknownHostException e) {
            throw failures.unknownHost(uri, e);
        } catch (DestinationRefused e) {
            log.info("Refused {}: {} resolves to {}, which DOWNLOADER_ALLOW_NETWORKS and DOWNLOADER_DENY_NETWORKS"
                    + " do not allow", UrlPolicy.safe(uri), host, Network.text(e.address()));
            // A name is shown as given, never what it resolved to: replies must not map internal DNS.
            throw new InvalidURL("destination " + (e.literal() ? Network.text(e.address()) : UrlPolicy.shorten(host))
                    + " is not allowed (DOWNLOADER_ALLOW_NETWORKS)");
        }
    }
}

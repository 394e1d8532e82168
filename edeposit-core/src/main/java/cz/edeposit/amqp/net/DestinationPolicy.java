package cz.edeposit.amqp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a daemon may connect to: none in its deny list, such as {@code DOWNLOADER_DENY_NETWORKS} (by
 * default every range that is not public unicast), unless it is in its allow list.
 * An IPv6 address that carries an IPv4 address (6to4, Teredo, NAT64, IPv4-compatible) must pass
 * with that IPv4 address too, so {@code 2002:7f00:1::} is refused like {@code 127.0.0.1}; Java
 * already turns an IPv4-mapped address ({@code ::ffff:127.0.0.1}) into the IPv4 address itself.
 */
public record DestinationPolicy(List<Network> allow, List<Network> deny) {

    /** Every range that is not public unicast (IANA special-purpose registries); docs/downloader.md lists them. */
    public static final List<String> DEFAULT_DENY = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::ffff:0:0:0/96", "64:ff9b:1::/48", "100::/64", "2001:2::/48",
            "2001:db8::/32", "3fff::/20", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");
    private static final Network TEREDO = Network.parse("2001::/32");
    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network IPV4_COMPATIBLE = Network.parse("::/96");

    /** Looks a host up: the JDK's resolver ({@code InetAddress::getAllByName}), or a test's, which gives names any address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public DestinationPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /**
     * The addresses of {@code host} (bare, without the brackets of an IPv6 literal), looked up once, every one of
     * them allowed, in the resolver's order: the caller connects to these and never to the name again.
     *
     * @throws UnknownHostException when the host has no address
     * @throws DestinationRefused   when any of its addresses is not allowed
     */
    public List<InetAddress> check(String host, Resolver resolver) throws UnknownHostException, DestinationRefused {
        List<InetAddress> addresses = List.of(resolver.resolve(host));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                throw new DestinationRefused(host, address);
            }
        }
        return addresses;
    }

    /** Whether a daemon may connect to {@code address}. */
    public boolean allows(InetAddress address) {
        if (listed(allow, address)) {
            return true;
        }
        if (listed(deny, address)) {
            return false;
        }
        return embeddedIpv4(address).map(this::allows).orElse(true);
    }

    private static boolean listed(List<Network> networks, InetAddress address) {
        for (Network network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The IPv4 address an IPv6 address carries by one of the transition schemes, if it does. */
    public static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(Network.ipv4(bytes, 2));
        }
        if (TEREDO.contains(address)) {
            // The client's address, inverted bit by bit in the last 32 bits (RFC 4380).
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~bytes[12 + i];
            }
            return Optional.of(Network.ipv4(client, 0));
        }
        if (NAT64.contains(address) || IPV4_COMPATIBLE.contains(address)) {
            return Optional.of(Network.ipv4(bytes, 12));
        }
        return Optional.empty();
    }
}

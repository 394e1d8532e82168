package cz.edeposit.amqp.settings;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RabbitMQ node to connect to: a host name or address and a port, from {@code RABBITMQ_ADDRESSES}
 * ({@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}) or from
 * {@code RABBITMQ_HOST} and {@code RABBITMQ_PORT}.
 */
public record BrokerAddress(String host, int port) {

    // A bracketed IPv6 address, or a host name or IPv4 address without ':', then an optional port.
    private static final Pattern ENTRY = Pattern.compile("(?:\\[([0-9A-Fa-f:.%]+)]|([A-Za-z0-9._-]+))(?::(\\d{1,5}))?");

    public BrokerAddress {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a broker address needs a host and a port from 1 to 65535, not "
                    + host + ":" + port);
        }
    }

    /**
     * The address of one list entry; an entry without a port gets {@code defaultPort}.
     *
     * @return empty when the entry is not {@code host[:port]} with a port from 1 to 65535
     */
    static Optional<BrokerAddress> parse(String entry, int defaultPort) {
        Matcher m = ENTRY.matcher(entry.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        int port = defaultPort;
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new BrokerAddress(host, port));
    }

    /** {@code host:port}, an IPv6 address in brackets: as the operator writes it in the list. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

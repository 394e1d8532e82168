package cz.edeposit.amqp.net;

import java.io.IOException;
import java.net.InetAddress;

/** A host one of whose addresses the {@link DestinationPolicy} does not allow: nothing was connected to. */
public final class DestinationRefused extends IOException {

    private final String host;
    private final InetAddress address;

    DestinationRefused(String host, InetAddress address) {
        super("destination " + shown(host, address) + " is not allowed");
        this.host = host;
        this.address = address;
    }

    /** The host as the URL gave it, without the brackets of an IPv6 literal. */
    public String host() {
        return host;
    }

    /** The refused address: for the daemon's log only, never a reply, which must not map internal DNS. */
    public InetAddress address() {
        return address;
    }

    /** Whether the URL named an address, which a reply may then show ({@link Network#text}), rather than a name. */
    public boolean literal() {
        return HttpUris.isLiteral(host);
    }

    private static String shown(String host, InetAddress address) {
        return HttpUris.isLiteral(host) ? Network.text(address) : host;
    }
}

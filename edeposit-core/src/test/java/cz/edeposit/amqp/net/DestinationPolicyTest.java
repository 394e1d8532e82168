package cz.edeposit.amqp.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses the default lists refuse, and how DOWNLOADER_ALLOW_NETWORKS and DOWNLOADER_DENY_NETWORKS change that. */
class DestinationPolicyTest {

    private static final DestinationPolicy DEFAULT = new DestinationPolicy(List.of(),
            DestinationPolicy.DEFAULT_DENY.stream().map(Network::parse).toList());

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no DNS
    }

    @Test
    void refusesEveryRangeThatIsNotPublicUnicast() throws Exception {
        for (String literal : List.of("0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "169.254.169.254", "224.0.0.1",
                "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.51.100.1", "203.0.113.1",
                "198.18.0.1", "198.19.255.255", "192.0.0.8", "192.88.99.1",
                "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "2001:db8::1", "fec0::1", "100::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:0:a00:1", "64:ff9b:1::1")) {
            assertFalse(DEFAULT.allows(address(literal)), literal);
        }
    }

    @Test
    void refusesIpv6FormsThatCarryARefusedIpv4Address() throws Exception {
        assertFalse(DEFAULT.allows(address("2002:7f00:1::")), "6to4 of 127.0.0.1");
        assertFalse(DEFAULT.allows(address("2002:a9fe:a9fe::1")), "6to4 of 169.254.169.254");
        assertFalse(DEFAULT.allows(address("64:ff9b::10.0.0.1")), "NAT64 of 10.0.0.1");
        assertFalse(DEFAULT.allows(address("2001:0:4136:e378:8000:63bf:80ff:fffe")), "Teredo of 127.0.0.1");
        assertFalse(DEFAULT.allows(address("::7f00:1")), "IPv4-compatible 127.0.0.1");
        assertTrue(DEFAULT.allows(address("2002:5db8:d822::1")), "6to4 of a public address");
        assertTrue(DEFAULT.allows(address("64:ff9b::93.184.216.34")), "NAT64 of a public address");
    }

    @Test
    void allowsPublicUnicast() throws Exception {
        for (String literal : List.of("93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "11.0.0.1",
                "2606:4700:4700::1111", "2a00:1450:4001:80b::200e")) {
            assertTrue(DEFAULT.allows(address(literal)), literal);
        }
    }

    @Test
    void theAllowListWinsOverTheDenyListAndTheDenyListCanBeReplaced() throws Exception {
        DestinationPolicy loopback = new DestinationPolicy(List.of(Network.parse("127.0.0.0/8"), Network.parse("::1/128")),
                DEFAULT.deny());
        assertTrue(loopback.allows(address("127.0.0.1")));
        assertTrue(loopback.allows(address("::1")));
        assertTrue(loopback.allows(address("::ffff:127.0.0.1")), "mapped is the IPv4 address itself");
        assertFalse(loopback.allows(address("0.0.0.0")));
        assertFalse(loopback.allows(address("10.0.0.1")));
        DestinationPolicy replaced = new DestinationPolicy(List.of(), List.of(Network.parse("93.184.216.0/24")));
        assertTrue(replaced.allows(address("10.0.0.1")));
        assertFalse(replaced.allows(address("93.184.216.34")));
    }

    @Test
    void parsesCidrNotationAndRefusesEverythingElseWithoutDns() {
        assertEquals(Network.parse("10.0.0.0/8"), Network.parse(" 10.1.2.3/8 "));
        assertEquals(Network.parse("127.0.0.1/32"), Network.parse("127.0.0.1"));
        for (String bad : List.of("10.0.0.0/33", "fc00::/129", "localhost", "example.org/8", "10.0.0/8", "10.0.0.0/x",
                "::ffff:0:0/96", "", "/8", "10.0.0.0/-1", "999.0.0.0/8", "10.0.0.256", "fe80::1%eth0/64")) {
            assertThrows(IllegalArgumentException.class, () -> Network.parse(bad), bad);
        }
    }

    @Test
    void writesAddressesAsPeopleDo() throws Exception {
        assertEquals("::1", Network.text(address("::1")));
        assertEquals("::", Network.text(address("::")));
        assertEquals("fe80::1", Network.text(address("fe80:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", Network.text(address("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Network.text(address("2001:db8:0:1:1:1:1:1")));
        assertEquals("127.0.0.1", Network.text(address("127.0.0.1")));
    }

    @Test
    void checksEveryAddressOfAHostLookedUpOnceAndShowsAnAddressOnlyForALiteral() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        DestinationPolicy.Resolver mixed = host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
        };
        DestinationRefused name = assertThrows(DestinationRefused.class, () -> DEFAULT.check("mixed.example", mixed));
        assertEquals("destination mixed.example is not allowed", name.getMessage());
        assertEquals(address("10.1.2.3"), name.address());
        assertEquals(1, lookups.get());
        DestinationRefused literal = assertThrows(DestinationRefused.class,
                () -> DEFAULT.check("2130706433", InetAddress::getAllByName));
        assertEquals("destination 127.0.0.1 is not allowed", literal.getMessage());
        assertEquals(List.of(address("93.184.216.34")),
                DEFAULT.check("public.example", host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")}));
        assertThrows(java.net.UnknownHostException.class, () -> DEFAULT.check("none.example", host -> new InetAddress[0]));
    }
}

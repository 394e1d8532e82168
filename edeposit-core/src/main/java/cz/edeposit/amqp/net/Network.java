package cz.edeposit.amqp.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One network in CIDR notation, IPv4 ({@code 10.0.0.0/8}) or IPv6 ({@code fc00::/7}), as the
 * operator writes it in a daemon's allow and deny lists (DOWNLOADER_ALLOW_NETWORKS, HARVESTER_ALLOW_NETWORKS).
 */
public record Network(byte[] prefix, int bits, String text) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * Parses {@code a.b.c.d/n} or {@code x:y::/n}; a bare address is a network of one.
     *
     * @throws IllegalArgumentException when the text is not such a network; never looks a name up
     */
    public static Network parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException(trimmed);
        }
        byte[] bytes;
        if (v4) {
            // Parsed here: Java would look a dotted text with an octet over 255 up in DNS.
            bytes = new byte[4];
            String[] octets = address.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    throw new IllegalArgumentException(trimmed);
                }
                bytes[i] = (byte) octet;
            }
        } else {
            try {
                // Contains a colon: Java parses it as an IPv6 literal or refuses it, never asks DNS.
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(trimmed, e);
            }
        }
        if (!v4 && bytes.length == 4) {
            throw new IllegalArgumentException(trimmed); // ::ffff:a.b.c.d: write the IPv4 network itself
        }
        int max = bytes.length * 8;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(trimmed, e);
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException(trimmed);
        }
        return new Network(masked(bytes, bits), bits, trimmed);
    }

    /** Whether {@code address} lies in this network; an IPv4 address never lies in an IPv6 network, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == prefix.length && Arrays.equals(masked(bytes, bits), prefix);
    }

    public boolean isIpv4() {
        return prefix.length == 4;
    }

    private static byte[] masked(byte[] bytes, int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] &= (byte) (0xFF00 >> keep);
        }
        return out;
    }

    /** An address as people write it: {@code 127.0.0.1}, {@code ::1}, {@code fe80::1} (RFC 5952, without a zone). */
    public static String text(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** An IPv4 address from four bytes. */
    static Inet4Address ipv4(byte[] bytes, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network network && bits == network.bits && Arrays.equals(prefix, network.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }

    @Override
    public String toString() {
        return text;
    }
}

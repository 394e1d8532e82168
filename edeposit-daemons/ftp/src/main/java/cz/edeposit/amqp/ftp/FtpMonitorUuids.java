package cz.edeposit.amqp.ftp;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version-1 (time-based) UUIDs for the {@code UUID} header, as the original's {@code uuid.uuid1()} made them
 * (wire-protocol.md, "Messages nobody answers"). The node is random with the multicast bit set (RFC 4122 §4.5),
 * so no MAC address leaves the machine; a counter keeps two UUIDs of the same 100 ns tick apart.
 */
final class FtpMonitorUuids {

    /** 100 ns intervals from 1582-10-15 (the UUID epoch) to 1970-01-01. */
    private static final long EPOCH_OFFSET = 0x01B21DD213814000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long NODE = (RANDOM.nextLong() & 0xFFFFFFFFFFFFL) | 0x010000000000L;
    private static final long CLOCK_SEQUENCE = RANDOM.nextInt(1 << 14);
    private static long last;

    private FtpMonitorUuids() {
    }

    /** A fresh version-1 UUID. */
    static synchronized UUID next() {
        long now = System.currentTimeMillis() * 10_000 + EPOCH_OFFSET;
        last = Math.max(now, last + 1);
        long time = last;
        long high = ((time & 0xFFFFFFFFL) << 32) | (((time >>> 32) & 0xFFFFL) << 16) | 0x1000L | ((time >>> 48) & 0x0FFFL);
        long low = (0x8000L | CLOCK_SEQUENCE) << 48 | NODE;
        return new UUID(high, low);
    }
}

package cz.edeposit.amqp.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link SdNotify} over the AF_UNIX datagram socket that {@code NOTIFY_SOCKET} names: a path, or
 * {@code @name} in the abstract namespace. Java 17 has no datagram Unix sockets, so libc's
 * {@code socket} and {@code sendto} are called through JNA (loaded only here, when systemd asks).
 */
final class NotifySocket implements SdNotify {

    private static final Logger log = LoggerFactory.getLogger(NotifySocket.class);

    // Linux's values (x86-64, arm64 and the others the JDK runs on alike).
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(sun_path) in struct sockaddr_un. */
    private static final int SUN_PATH = 108;

    /** The three calls of libc this needs; {@code size_t} and {@code ssize_t} are C longs on Linux. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
                throws LastErrorException;
    }

    private final LibC libc;
    private final int fd;
    private final byte[] address;
    private final String socketName;
    private boolean warned;

    private NotifySocket(String socketName, byte[] address) {
        this.socketName = socketName;
        this.address = address;
        this.libc = Native.load("c", LibC.class);
        this.fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }

    /**
     * The socket {@code notifySocket} names, or one that sends nothing (with a warning) when the name
     * is unusable or the socket cannot be made: readiness is worth a warning, never a failed start.
     */
    static SdNotify open(String notifySocket) {
        try {
            return new NotifySocket(notifySocket, address(notifySocket));
        } catch (IllegalArgumentException | LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.warn("Cannot notify systemd at NOTIFY_SOCKET={}: {}; it will not learn that the daemon is ready"
                    + " (use Type=simple in the unit)", notifySocket, e.getMessage());
            return state -> { };
        }
    }

    /** struct sockaddr_un for {@code name}, cut to its used length as socklen_t wants it. */
    static byte[] address(String name) {
        boolean abstractName = name.startsWith("@");
        if (!abstractName && !name.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path nor an @abstract name");
        }
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        int length = abstractName ? path.length : path.length + 1; // '@' becomes the leading NUL; a path ends in NUL
        if (length > SUN_PATH) {
            throw new IllegalArgumentException("longer than " + SUN_PATH + " bytes");
        }
        ByteBuffer address = ByteBuffer.allocate(2 + length).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX);
        address.put(path);
        if (abstractName) {
            address.put(2, (byte) 0);
        }
        return address.array();
    }

    @Override
    public synchronized void send(String state) {
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        try {
            // Never blocks: a service manager that does not read must not stop the supervision loop.
            libc.sendto(fd, message, new NativeLong(message.length), MSG_DONTWAIT | MSG_NOSIGNAL, address, address.length);
        } catch (LastErrorException e) {
            if (!warned) {
                warned = true;
                log.warn("Cannot notify systemd at NOTIFY_SOCKET={}: {} (errno {}); further failures are logged"
                        + " at DEBUG", socketName, e.getMessage(), e.getErrorCode());
            } else {
                log.debug("Cannot notify systemd: {}", e.getMessage());
            }
        }
    }
}

package cz.edeposit.amqp.antivirus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Where clamd listens: a unix socket or a TCP address; {@link #toString()} names it for messages. */
sealed interface ClamdAddress {

    /** A new, unconnected channel of the right protocol family. */
    SocketChannel newChannel() throws IOException;

    /** The address to connect to, resolved now (a host name may change its address between requests). */
    SocketAddress resolve() throws IOException;

    /** clamd's {@code LocalSocket}. */
    record Unix(Path path) implements ClamdAddress {
        @Override
        public SocketChannel newChannel() throws IOException {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }

        @Override
        public SocketAddress resolve() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return "unix socket " + path;
        }
    }

    /** clamd's {@code TCPAddr} and {@code TCPSocket}. */
    record Tcp(String host, int port) implements ClamdAddress {
        @Override
        public SocketChannel newChannel() throws IOException {
            return SocketChannel.open();
        }

        @Override
        public SocketAddress resolve() throws IOException {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve the host name " + host);
            }
            return address;
        }

        @Override
        public String toString() {
            return "TCP " + host + ":" + port;
        }
    }
}

package cz.edeposit.amqp.antivirus;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to clamd, unix or TCP alike, where every wait has a deadline: a non-blocking
 * channel and a selector, because blocking unix-domain channels have no read timeout.
 */
final class ClamdConnection implements Closeable {

    /** clamd's answers are one short line; anything longer is not clamd. */
    private static final int MAX_REPLY = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private ClamdConnection(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /**
     * Connects to {@code address} within {@code timeout}.
     *
     * @throws IOException when clamd does not accept the connection ({@link SocketTimeoutException} when in time)
     */
    static ClamdConnection open(ClamdAddress address, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel channel = address.newChannel();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            ClamdConnection connection = new ClamdConnection(channel, selector, key);
            if (!channel.connect(address.resolve())) {
                while (!channel.finishConnect()) {
                    connection.await(SelectionKey.OP_CONNECT, deadline);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            throw e;
        }
    }

    /** Writes all of {@code buffer} before {@code deadline} ({@link System#nanoTime()}). */
    void send(ByteBuffer buffer, long deadline) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    /**
     * Reads one answer: the text up to clamd's NUL terminator (z-commands), or up to the end of
     * the stream.
     *
     * @throws EOFException when clamd closed the connection without a word
     */
    String receive(long deadline) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            int read = channel.read(buffer);
            if (read < 0) {
                break;
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, deadline);
                continue;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(b);
            }
            buffer.clear();
            if (answer.size() > MAX_REPLY) {
                throw new IOException("the answer is longer than " + MAX_REPLY + " bytes, which clamd never sends");
            }
        }
        if (answer.size() == 0) {
            throw new EOFException("the connection was closed without an answer");
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private void await(int operation, long deadline) throws IOException {
        key.interestOps(operation);
        while (true) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for clamd");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no progress before the deadline");
            }
            // select(0) would wait forever, hence at least one millisecond.
            int ready = selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
            selector.selectedKeys().clear();
            if (ready > 0) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
        closeQuietly(selector);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing useful can be done about a failed close of a finished exchange.
        }
    }
}

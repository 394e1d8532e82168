package cz.edeposit.amqp.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/** The socket's input with every read bounded by the read time-out and the fetch's deadline. */
final class TimedInput extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final Duration readTimeout;
    private final Deadline deadline;

    TimedInput(Socket socket, Duration readTimeout, Deadline deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.readTimeout = readTimeout;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        socket.setSoTimeout(deadline.millis(readTimeout));
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        socket.setSoTimeout(deadline.millis(readTimeout));
        return in.read(buffer, offset, length);
    }
}

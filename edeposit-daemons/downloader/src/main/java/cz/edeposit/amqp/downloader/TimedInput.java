package cz.edeposit.amqp.downloader;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** The socket's input with every read bounded by the read time-out and the download's deadline. */
final class TimedInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final DownloaderSettings limits;
    private final Deadline deadline;

    TimedInput(Socket socket, DownloaderSettings limits, Deadline deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.limits = limits;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        socket.setSoTimeout(deadline.millis(limits.readTimeout()));
        return in.read(b, off, len);
    }
}

package cz.edeposit.amqp.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP server on 127.0.0.1 that reads each request's head and writes the bytes it was given, as they are, then
 * closes; with no bytes it answers nothing and keeps the connection open until the client leaves.
 */
final class CannedServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "canned-http");
        thread.setDaemon(true);
        return thread;
    });

    CannedServer(byte[] answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    threads.execute(() -> answer(socket, answer));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    CannedServer(String answer) throws IOException {
        this(answer.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void answer(Socket socket, byte[] answer) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            requests.add(head.toString(StandardCharsets.ISO_8859_1));
            if (answer.length == 0) {
                while (in.read() >= 0) {
                    // silent until the client leaves
                }
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(answer);
            out.flush();
        } catch (IOException e) {
            // The client hung up: nothing more to do.
        }
    }

    /** The URL of {@code path} at {@code host} (which the test pins to 127.0.0.1) and this server's port. */
    URI url(String host, String path) {
        return URI.create("http://" + host + ":" + server.getLocalPort() + path);
    }

    /** Every request head seen, in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

package cz.edeposit.amqp.downloader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that is not quite an HTTP server: {@link #banner(String)} greets every
 * connection with a line, as SSH does; {@link #closing()} closes without answering;
 * {@link #trickle(int, long)} answers with headers and then
 * one body byte at a time, never stalling long enough for a read time-out.
 */
final class ScriptedTcpServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-tcp");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scripted-tcp-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger connections = new AtomicInteger();

    private ScriptedTcpServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    threads.execute(() -> {
                        try {
                            script.run(socket, this);
                        } catch (IOException e) {
                            // The client hung up: the script is over.
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    @FunctionalInterface
    private interface Script {
        void run(Socket socket, ScriptedTcpServer server) throws IOException;
    }

    /** Writes {@code line} and CRLF on connecting, before the client says anything, then reads until the client leaves. */
    static ScriptedTcpServer banner(String line) throws IOException {
        return new ScriptedTcpServer((socket, server) -> {
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // until the client closes
                }
            }
        });
    }

    /** Reads the request, then closes the connection without a word. */
    static ScriptedTcpServer closing() throws IOException {
        return new ScriptedTcpServer((socket, server) -> {
            try (socket) {
                socket.getInputStream().read(new byte[4096]);
            }
        });
    }

    /** Answers 200 with a Content-Length of {@code length}, then sends one byte every {@code everyMillis}. */
    static ScriptedTcpServer trickle(int length, long everyMillis) throws IOException {
        return new ScriptedTcpServer((socket, server) -> {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.timer.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException e) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // already gone
                    }
                    throw new IllegalStateException("client gone"); // ends this repetition
                }
            }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** The URL of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        timer.shutdownNow();
        threads.shutdownNow();
    }
}

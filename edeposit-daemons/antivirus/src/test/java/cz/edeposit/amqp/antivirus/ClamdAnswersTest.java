package cz.edeposit.amqp.antivirus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers a real clamd gives only in trouble (an error, nonsense, silence, a dropped connection),
 * played by a loopback server: none of them may ever read as a clean file.
 */
class ClamdAnswersTest {

    private ServerSocket server;
    private Thread thread;

    @AfterEach
    void stop() throws Exception {
        server.close();
        thread.interrupt();
        thread.join(5_000);
    }

    /** Accepts one connection, reads the command and the stream, then lets {@code behaviour} answer. */
    private ClamdClient serve(Consumer<Socket> behaviour) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                in.readNBytes("zINSTREAM\0".length());
                while (true) {
                    byte[] length = in.readNBytes(4);
                    int count = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8) | (length[3] & 0xff);
                    if (count == 0) {
                        break;
                    }
                    in.readNBytes(count);
                }
                behaviour.accept(socket);
            } catch (IOException e) {
                // The server closed under a test that no longer waits.
            }
        });
        thread.start();
        return new ClamdClient(new ClamdAddress.Tcp("127.0.0.1", server.getLocalPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(1), null);
    }

    private static Consumer<Socket> answer(String text) {
        return socket -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(text.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        };
    }

    private static RuntimeException scanFails(ClamdClient client) {
        byte[] data = "some file".getBytes(StandardCharsets.US_ASCII);
        return assertThrows(RuntimeException.class, () -> client.scan("f.txt", data.length, new ByteArrayInputStream(data)));
    }

    @Test
    void turnsAClamdErrorIntoAnError() throws IOException {
        RuntimeException error = scanFails(serve(answer("stream: Can't allocate memory ERROR\0")));
        assertTrue(error instanceof ClamdError, error.toString());
        assertTrue(error.getMessage().contains("could not scan 'f.txt': stream: Can't allocate memory ERROR"), error.getMessage());
    }

    @Test
    void turnsAnAnswerWithoutVerdictIntoAnError() throws IOException {
        RuntimeException error = scanFails(serve(answer("UNKNOWN COMMAND\0")));
        assertTrue(error instanceof ClamdError, error.toString());
        assertTrue(error.getMessage().contains("gave no verdict"), error.getMessage());
    }

    @Test
    void turnsSilenceIntoATimeoutError() throws IOException {
        RuntimeException error = scanFails(serve(socket -> {
            try {
                Thread.sleep(3_000); // the behaviour under test: silent past the client's 1 s; stop() interrupts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(error instanceof ClamdError, error.toString());
        assertTrue(error.getMessage().contains("did not answer INSTREAM within 1 s (CLAMD_SCAN_TIMEOUT"), error.getMessage());
    }

    @Test
    void turnsADroppedConnectionIntoAnError() throws IOException {
        RuntimeException error = scanFails(serve(socket -> { }));
        assertTrue(error instanceof ClamdError, error.toString());
        assertTrue(error.getMessage().contains("broke off the scan of 'f.txt' after 9 bytes without a verdict"), error.getMessage());
    }
}

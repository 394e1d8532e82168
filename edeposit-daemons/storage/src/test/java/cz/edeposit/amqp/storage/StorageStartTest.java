package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the daemon's handler factory does at start: the download server only when enabled, a clear error otherwise. */
class StorageStartTest {

    @TempDir
    Path dir;

    private DaemonEnvironment environment(String extra) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        StringBuilder json = new StringBuilder("{");
        for (String key : new String[] {"PUBLIC_DIR", "PRIVATE_DIR", "ARCHIVE_DIR"}) {
            json.append('"').append(key).append("\": \"").append(Files.createDirectories(dir.resolve(key))).append("\", ");
        }
        json.append("\"STORAGE_DB_URL\": \"jdbc:h2:file:").append(dir.resolve("index")).append("\", ")
                .append("\"WEB_ADDR\": \"127.0.0.1\"").append(extra).append('}');
        Files.writeString(conf.resolve("storage.json"), json.toString());
        return new DaemonEnvironment(new ConfigLocator(conf, Map.of(), conf), Map.of(), null, 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aWorkerOnlyInstanceOpensNoPortAndAnotherServesDownloads() throws Exception {
        int port = freePort();
        StorageHandler.create(environment(", \"WEB_PORT\": " + port + ", \"WEB_ENABLED\": false"));
        assertTrue(!listening(port), "WEB_ENABLED false: no download server");
        int other = freePort();
        StorageHandler.create(environment(", \"WEB_PORT\": " + other));
        assertTrue(listening(other), "the download server listens on WEB_PORT");
    }

    @Test
    void aTakenPortStopsTheStartNamingWebPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> StorageHandler.create(environment(", \"WEB_PORT\": " + taken.getLocalPort())));
            assertTrue(e.getMessage().contains("WEB_PORT"), e.getMessage());
        }
    }
}

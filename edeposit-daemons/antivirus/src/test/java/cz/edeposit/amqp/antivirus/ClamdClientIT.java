package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clamd protocol against a real clamd of the test's own, over its unix socket and TCP. */
class ClamdClientIT {

    @TempDir
    static Path dir;

    private static TestClamd clamd;

    @BeforeAll
    static void startClamd() throws Exception {
        clamd = TestClamd.start(dir);
        System.out.println("clamd with the test database answered after " + clamd.startup().toMillis() + " ms");
    }

    @AfterAll
    static void stopClamd() throws Exception {
        clamd.close();
    }

    private static List<ClamdClient> clients() {
        return List.of(clamd.unixClient(), clamd.tcpClient());
    }

    private static Optional<String> scan(ClamdClient client, byte[] data) {
        return client.scan("test", data.length, new ByteArrayInputStream(data));
    }

    @Test
    void answersPingAndVersionOnBothSockets() {
        for (ClamdClient client : clients()) {
            assertEquals("PONG", client.ping());
            assertTrue(client.version().startsWith("ClamAV "), client.version());
        }
    }

    @Test
    void findsNothingInACleanFile() {
        for (ClamdClient client : clients()) {
            assertEquals(Optional.empty(), scan(client, "just a harmless text\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(Optional.empty(), scan(client, new byte[0]));
        }
    }

    @Test
    void findsTheEicarTestFileByItsHashSignature() {
        for (ClamdClient client : clients()) {
            assertEquals(Optional.of(TestClamd.EICAR_SIGNATURE + ".UNOFFICIAL"), scan(client, TestClamd.eicar()));
        }
    }

    @Test
    void findsTheMarkerInsideAZipArchive() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("docs/readme.txt"));
            out.write("nothing here\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
            out.putNextEntry(new ZipEntry("docs/inner.txt"));
            out.write(("before " + TestClamd.MARKER + " after\n").repeat(50).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] archive = zip.toByteArray();
        assertFalse(new String(archive, StandardCharsets.ISO_8859_1).contains(TestClamd.MARKER),
                "the marker is compressed, so only an unpacking scan can find it");
        for (ClamdClient client : clients()) {
            assertEquals(Optional.of(TestClamd.MARKER_SIGNATURE + ".UNOFFICIAL"), scan(client, archive));
        }
    }

    @Test
    void findsAMarkerThatStraddlesTwoChunks() {
        byte[] data = new byte[3 * ClamdClient.CHUNK_SIZE];
        Arrays.fill(data, (byte) 'x');
        byte[] marker = TestClamd.MARKER.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, data, ClamdClient.CHUNK_SIZE - marker.length / 2, marker.length);
        assertEquals(Optional.of(TestClamd.MARKER_SIGNATURE + ".UNOFFICIAL"), scan(clamd.unixClient(), data));
    }

    @Test
    void scansAFileOfExactlyTheLimit() {
        byte[] data = new byte[(int) TestClamd.STREAM_MAX_BYTES];
        assertEquals(Optional.empty(), scan(clamd.unixClient(), data));
    }

    @Test
    void refusesAFileOverTheKnownLimitNamingTheLimitAndTheRemedy() {
        byte[] data = new byte[(int) TestClamd.STREAM_MAX_BYTES + 1];
        ValueError error = assertThrows(ValueError.class, () -> clamd.unixClient().scan("big.pdf", data.length,
                new ByteArrayInputStream(data)));
        assertTrue(error.getMessage().contains("'big.pdf' is 262145 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("StreamMaxLength 256K in " + clamd.conf()), error.getMessage());
        assertTrue(error.getMessage().contains("raise StreamMaxLength in " + clamd.conf()), error.getMessage());
    }

    @Test
    void reportsClamdsOwnRefusalWhenTheLimitIsUnknown() {
        byte[] data = new byte[(int) TestClamd.STREAM_MAX_BYTES * 3];
        for (ClamdAddress address : List.of(new ClamdAddress.Unix(clamd.socket()), new ClamdAddress.Tcp("127.0.0.1", clamd.port()))) {
            ClamdClient client = TestClamd.client(address, null);
            ValueError error = assertThrows(ValueError.class, () -> scan(client, data), address.toString());
            assertTrue(error.getMessage().contains("size limit exceeded"), error.getMessage());
            assertTrue(error.getMessage().contains("raise StreamMaxLength"), error.getMessage());
        }
    }

    @Test
    void reportsAStoppedClamdNamingTheSocketAndWorksAgainOnceItIsBack() throws Exception {
        clamd.stop();
        try {
            for (ClamdClient client : clients()) {
                ValueError error = assertThrows(ValueError.class, () -> scan(client, TestClamd.eicar()));
                assertTrue(error.getMessage().contains(client.address().toString()), error.getMessage());
                assertTrue(error.getMessage().startsWith("Couldn't connect to clamd"), error.getMessage());
            }
        } finally {
            clamd.start();
        }
        for (ClamdClient client : clients()) {
            assertEquals(Optional.of(TestClamd.EICAR_SIGNATURE + ".UNOFFICIAL"), scan(client, TestClamd.eicar()));
        }
    }

    @Test
    void namesTheTcpAddressNobodyListensOn() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ClamdClient client = TestClamd.client(new ClamdAddress.Tcp("127.0.0.1", port), null);
        ValueError error = assertThrows(ValueError.class, client::ping);
        assertTrue(error.getMessage().contains("TCP 127.0.0.1:" + port), error.getMessage());
    }
}

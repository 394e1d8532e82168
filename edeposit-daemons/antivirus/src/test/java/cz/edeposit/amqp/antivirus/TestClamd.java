package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.testing.Await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real clamd of the test's own, never the system's: its own clamd.conf, database directory,
 * PID file, log, unix socket and TCP port on 127.0.0.1, in a directory the test owns; it loads only
 * signatures written at test time (a hash signature of the EICAR test file and a body signature of
 * a harmless marker), so it starts in well under a second.
 */
final class TestClamd implements AutoCloseable {

    static final Path CLAMD = Path.of("/usr/sbin/clamd");
    static final String EICAR_SIGNATURE = "Edeposit.Test.Eicar";
    static final String MARKER_SIGNATURE = "Edeposit.Test.Marker";
    static final String MARKER = "EDEPOSIT-TEST-MARKER-3f9a2c";
    /** The StreamMaxLength of the test clamd, small so a too-large file is cheap. */
    static final String STREAM_MAX_LENGTH = "256K";
    static final long STREAM_MAX_BYTES = 256 * 1024;

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final String streamMaxLength;
    private Process process;
    private Duration startup;

    private TestClamd(Path dir, int port, String streamMaxLength) {
        this.dir = dir;
        this.port = port;
        this.streamMaxLength = streamMaxLength;
    }

    /** Writes the configuration and the test database into {@code dir} and starts clamd. */
    static TestClamd start(Path dir) throws Exception {
        return start(dir, STREAM_MAX_LENGTH);
    }

    /** The same with another StreamMaxLength (a clamd.conf size such as 64M), e.g. for benchmarks. */
    static TestClamd start(Path dir, String streamMaxLength) throws Exception {
        return start(dir, Map.of("StreamMaxLength", streamMaxLength));
    }

    /**
     * The same with other clamd.conf options ({@code name -> value}) in place of the defaults, e.g.
     * small scan limits; the default limits are the ones docs/antivirus.md recommends.
     */
    static TestClamd start(Path dir, Map<String, String> options) throws Exception {
        if (!Files.isExecutable(CLAMD)) {
            throw new IllegalStateException(CLAMD + " is missing: install Debian's clamav-daemon (scripts/ensure-clamav does)");
        }
        TestClamd clamd = new TestClamd(dir, freePort(), options.getOrDefault("StreamMaxLength", STREAM_MAX_LENGTH));
        Files.createDirectories(clamd.databaseDir());
        Files.writeString(clamd.databaseDir().resolve("edeposit-test.hdb"),
                md5(eicar()) + ":" + eicar().length + ":" + EICAR_SIGNATURE + "\n");
        Files.writeString(clamd.databaseDir().resolve("edeposit-test.ndb"), bodySignature(MARKER_SIGNATURE, MARKER));
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("Foreground", "yes");
        conf.put("DatabaseDirectory", clamd.databaseDir().toString());
        conf.put("PidFile", dir.resolve("clamd.pid").toString());
        conf.put("LogFile", clamd.log().toString());
        conf.put("LogTime", "yes");
        conf.put("LocalSocket", clamd.socket().toString());
        conf.put("TCPSocket", String.valueOf(clamd.port));
        conf.put("TCPAddr", "127.0.0.1");
        conf.put("StreamMaxLength", STREAM_MAX_LENGTH);
        // No database check of its own during a test: reloads happen when the test asks.
        conf.put("SelfCheck", "3600");
        // What docs/antivirus.md recommends: an alert, never a silent OK, for what clamd did not scan.
        conf.put("AlertExceedsMax", "yes");
        conf.put("AlertEncrypted", "yes");
        conf.put("MaxScanSize", "1000M");
        conf.put("MaxFileSize", "1000M");
        conf.putAll(options);
        StringBuilder text = new StringBuilder();
        conf.forEach((name, value) -> text.append(name).append(' ').append(value).append('\n'));
        Files.writeString(clamd.conf(), text);
        clamd.start();
        return clamd;
    }

    /** The EICAR anti-virus test file, assembled here so that no file of the project is one. */
    static byte[] eicar() {
        String head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
        String tail = "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*";
        return (head + tail).getBytes(StandardCharsets.US_ASCII);
    }

    /** An .ndb line matching {@code text} anywhere in any file. */
    static String bodySignature(String name, String text) {
        return name + ":0:*:" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII)) + "\n";
    }

    /** Starts clamd (again) and waits until it answers on both sockets. */
    void start() throws Exception {
        long begin = System.nanoTime();
        process = new ProcessBuilder(CLAMD.toString(), "--config-file=" + conf())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("clamd.out").toFile()))
                .start();
        try {
            Await.until("clamd answers on both sockets", START_LIMIT, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("clamd exited with status " + process.exitValue() + ":\n" + output());
                }
                return answers(unixClient()) && answers(tcpClient());
            });
        } catch (AssertionError e) {
            process.destroyForcibly(); // a failed start must not leave a clamd behind
            throw new AssertionError(e.getMessage() + ":\n" + output(), e);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
        startup = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Stops clamd (SIGTERM) and waits for it. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** How long the last start took until clamd answered PING on both sockets. */
    Duration startup() {
        return startup;
    }

    Path dir() {
        return dir;
    }

    Path conf() {
        return dir.resolve("clamd.conf");
    }

    Path databaseDir() {
        return dir.resolve("db");
    }

    Path socket() {
        return dir.resolve("clamd.sock");
    }

    Path log() {
        return dir.resolve("clamd.log");
    }

    int port() {
        return port;
    }

    /** A client on the unix socket that knows the test's stream limit. */
    ClamdClient unixClient() {
        return client(new ClamdAddress.Unix(socket()), limit());
    }

    ClamdClient tcpClient() {
        return client(new ClamdAddress.Tcp("127.0.0.1", port), limit());
    }

    static ClamdClient client(ClamdAddress address, StreamLimit limit) {
        return new ClamdClient(address, Duration.ofSeconds(5), Duration.ofSeconds(60), limit);
    }

    /** The limit as the daemon works it out from this clamd.conf. */
    StreamLimit limit() {
        return ClamdConfig.read(conf()).streamLimit().orElseThrow();
    }

    /** clamd's log and console output, for failure messages. */
    String output() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(dir.resolve("clamd.out"), log())) {
            try {
                text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                text.append("(no ").append(file).append(")\n");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean answers(ClamdClient client) {
        try {
            client.ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

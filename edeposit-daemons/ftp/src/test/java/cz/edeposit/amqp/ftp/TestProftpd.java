package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.testing.Await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real ProFTPD of the tests ({@code proftpd -n -c <conf>}, as root), on 127.0.0.1 and a free port, with its own
 * PidFile, ScoreboardFile, DelayTable and logs, and the shipped config/proftpd-edeposit.conf with its AuthUserFile the
 * daemon's LOGIN_FILE. Stopped by its PID.
 */
final class TestProftpd implements AutoCloseable {

    private final Path dir;
    private Process process;
    private final int port;

    private TestProftpd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts ProFTPD with its files in {@code dir} and writes its PID to {@code pidFile}; returns once it accepts connections. */
    static TestProftpd start(Path dir, Path authUserFile, Path pidFile) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("proftpd.conf");
        Files.writeString(conf, String.join("\n",
                "ServerName \"edeposit ftp test\"",
                "ServerType standalone",
                "DefaultServer on",
                "Port " + port,
                "DefaultAddress 127.0.0.1",
                "SocketBindTight on",
                "UseIPv6 off",
                "User proftpd",
                "Group nogroup",
                "Umask 022",
                "MaxInstances 30",
                "PidFile " + pidFile,
                "ScoreboardFile " + dir.resolve("proftpd.scoreboard"),
                "DelayTable " + dir.resolve("proftpd.delay"),
                "DelayEngine off", // no deliberate pause after a failed login
                "SystemLog " + dir.resolve("proftpd.log"),
                "TransferLog " + dir.resolve("xferlog"),
                "WtmpLog off",
                "UseReverseDNS off",
                "AllowOverwrite on",
                "",
                // The shipped snippet, with this test's passwd file and ExtendedLog.
                shippedSnippet().replace("/etc/proftpd/ftpd.passwd", authUserFile.toString())
                        .replace("/var/log/proftpd/extended.log", dir.resolve("extended.log").toString())));
        TestProftpd proftpd = new TestProftpd(dir, port);
        proftpd.launch();
        return proftpd;
    }

    /** Starts {@code proftpd -n} with the configuration in its directory; returns once it accepts connections. */
    private void launch() throws Exception {
        process = new ProcessBuilder("/usr/sbin/proftpd", "-n", "-q", "-c", dir.resolve("proftpd.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("proftpd.out").toFile()))
                .start();
        try {
            Await.until("proftpd accepts connections on port " + port, Duration.ofSeconds(20), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("proftpd stopped: " + log());
                }
                return accepts();
            });
        } catch (Exception | AssertionError failure) {
            close();
            throw new IllegalStateException("proftpd did not start: " + failure.getMessage() + "\n" + log(), failure);
        }
    }

    /**
     * Stops ProFTPD (SIGTERM, as {@code invoke-rc.d proftpd restart} in Debian's logrotate snippet does) and starts
     * it again on the same port: a new master process, which opens its logs anew.
     */
    void restart() throws Exception {
        close();
        launch();
    }

    /** config/proftpd-edeposit.conf, which operators copy to /etc/proftpd/conf.d/. */
    static String shippedSnippet() throws IOException {
        return Files.readString(Path.of("..", "config", "proftpd-edeposit.conf"));
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What ProFTPD wrote: its output and its SystemLog. */
    String log() {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {"proftpd.out", "proftpd.log"}) {
            try {
                text.append(name).append(":\n").append(Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                text.append(name).append(": (none)\n");
            }
        }
        return text.toString();
    }

    /** The ExtendedLog, in the format the import monitor reads. */
    String extendedLog() throws IOException {
        Path log = dir.resolve("extended.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy); // SIGTERM to its PID
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

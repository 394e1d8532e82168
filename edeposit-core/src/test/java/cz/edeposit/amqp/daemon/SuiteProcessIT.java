package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite mode as an operator runs it: one JVM ({@link EchoSuite}) with two daemons, each in a vhost of its
 * own on the real broker, a real SIGTERM. The second daemon fails in the ways a suite must contain.
 */
class SuiteProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path pidDir;

    private TestVhost echoVhost;
    private TestVhost alephVhost;
    private Connection echoConnection;
    private Connection alephConnection;
    private ReplyCollector echoReplies;
    private ReplyCollector alephReplies;
    private DaemonProcess suite;
    private Process process;
    private int sent;

    @BeforeEach
    void setUp() throws Exception {
        echoVhost = TestVhost.withSchema("downloader");
        alephVhost = TestVhost.withSchema("aleph");
        Map<String, String> env = new HashMap<>(echoVhost.env());
        env.putAll(alephVhost.env());
        suite = new DaemonProcess(EchoSuite.class, env, List.of("--config-dir", echoVhost.emptyConfigDir().toString(),
                "--pid-dir", pidDir.toString()));
        echoConnection = echoVhost.connect();
        alephConnection = alephVhost.connect();
        echoReplies = new ReplyCollector(echoConnection, echoVhost.host().outputQueue());
        alephReplies = new ReplyCollector(alephConnection, alephVhost.host().outputQueue());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        echoConnection.close();
        alephConnection.close();
        echoVhost.close();
        alephVhost.close();
    }

    private void start(String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("start", "--foreground", "--daemons", "all"));
        args.addAll(List.of(options));
        process = suite.start(pidDir.resolve("suite.log"), args.toArray(String[]::new));
        Await.until("the suite serves with both daemons", WAIT, () -> log().contains("serves with every daemon"));
    }

    private String log() {
        try {
            return Files.readString(pidDir.resolve("suite.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private String send(TestVhost vhost, String body) throws Exception {
        String id = "suite-it-" + ++sent;
        try (Channel channel = (vhost == echoVhost ? echoConnection : alephConnection).createChannel()) {
            Requests.publish(channel, vhost.host().exchange(), vhost.host().inputKey(), id, body);
        }
        return id;
    }

    private Reply answer(ReplyCollector replies, String id) throws Exception {
        Reply reply = replies.take(WAIT);
        assertTrue(reply != null, () -> "no reply to " + id + "\nlog:\n" + log());
        assertEquals(id, reply.header("UUID"), reply::text);
        return reply;
    }

    private void echoesOnBoth(String value) throws Exception {
        String echo = send(echoVhost, "{\"__nt_name\": \"Echo\", \"value\": \"" + value + "\"}");
        assertTrue(answer(echoReplies, echo).text().contains(value));
        String aleph = send(alephVhost, "{\"__nt_name\": \"Echo\", \"value\": \"" + value + "\"}");
        assertTrue(answer(alephReplies, aleph).text().contains(value));
    }

    @Test
    void servesEachDaemonReportsEachInStatusAndAnswersTheRequestsInHandOnSigterm() throws Exception {
        start();
        echoesOnBoth("one");

        // The counts follow the broker's confirm of each reply, which may come after the client has the reply.
        Await.until("status counts the served requests", WAIT,
                () -> suite.run("status").out().contains("    requests: 1 served, 0 failed"));
        DaemonProcess.Result status = suite.run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("edeposit-echo-suited is running (pid " + process.pid() + ")"), status.out());
        assertTrue(status.out().contains("  echo-test: serving") && status.out().contains("  echo-aleph: serving"),
                status.out());
        assertTrue(status.out().contains("    requests: 1 served, 0 failed"), status.out());

        String slowEcho = send(echoVhost, "{\"__nt_name\": \"Sleep\", \"millis\": 2000}");
        String slowAleph = send(alephVhost, "{\"__nt_name\": \"Sleep\", \"millis\": 2000}");
        Await.until("both handlers hold their request", WAIT,
                () -> log().split("Sleep of 2000 ms started", -1).length == 3);
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), log());
        assertEquals(0, process.exitValue(), log());
        assertEquals("result", answer(echoReplies, slowEcho).header("x-edeposit-reply"));
        assertEquals("result", answer(alephReplies, slowAleph).header("x-edeposit-reply"));
        assertTrue(log().contains("edeposit-echo-suited stopped"), log());
        assertTrue(log().contains("[echo-aleph-worker-1]") && log().contains("[echo-test-worker-1]"),
                "each daemon's worker is named after it: " + log());
        try (var files = Files.list(pidDir)) {
            assertEquals(List.of("suite.log"), files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.endsWith(".attempts")).toList(), "PID and state files are removed");
        }
    }

    @Test
    void restartsAFailedDaemonWhileTheOtherServes() throws Exception {
        start("--fail-fast"); // a lost connection ends the daemon: its supervisor in the suite restarts it
        String name = "edeposit-echo-alephd in edeposit-echo-suited@" + InetAddress.getLocalHost().getHostName()
                + " pid " + process.pid();
        Await.until("the management API lists the second daemon's connection", WAIT,
                () -> !alephVhost.management().connections(alephVhost.name(), name).isEmpty());
        alephVhost.management().connections(alephVhost.name(), name).forEach(alephVhost.management()::closeConnection);

        Await.until("the suite restarts the second daemon", WAIT, () -> log().contains("restarting echo-aleph in"));
        String echo = send(echoVhost, "{\"__nt_name\": \"Echo\", \"value\": \"meanwhile\"}");
        assertTrue(answer(echoReplies, echo).text().contains("meanwhile"));
        Await.until("the second daemon serves again", WAIT,
                () -> suite.run("status").out().contains("  echo-aleph: serving"));
        echoesOnBoth("after");
        assertTrue(process.isAlive());
    }

    @Test
    void containsAnOutOfMemoryErrorOfOneHandler() throws Exception {
        start("--max-attempts", "2");
        String oom = send(alephVhost, "{\"__nt_name\": \"Echo\", \"value\": \"" + EchoSuite.OOM + "\"}");
        String echo = send(echoVhost, "{\"__nt_name\": \"Echo\", \"value\": \"meanwhile\"}");
        assertTrue(answer(echoReplies, echo).text().contains("meanwhile"));

        Reply given = answer(alephReplies, oom);
        assertEquals("PoisonMessageError", given.header("exception_name"), given::text);
        assertTrue(log().contains("java.lang.OutOfMemoryError: Java heap space (thrown by the test's handler)"), log());
        echoesOnBoth("after");
        assertTrue(process.isAlive());
    }
}

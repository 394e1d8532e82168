package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite mode as an operator runs it: one JVM ({@link EchoSuite}) with two daemons, each in a vhost of its
 * own on the real broker, a real SIGTERM. The second daemon fails in the ways a suite must contain.
 */
class SuiteProcessIT {

    private static final Duration WAIT = EchoSuiteRun.WAIT;

    @RegisterExtension
    final EchoSuiteRun run = new EchoSuiteRun();

    private Process process;

    private void echoesOnBoth(String value) throws Exception {
        assertTrue(run.first().echo(value).text().contains(value));
        assertTrue(run.second().echo(value).text().contains(value));
    }

    @Test
    void servesEachDaemonReportsEachInStatusAndAnswersTheRequestsInHandOnSigterm() throws Exception {
        process = run.start();
        echoesOnBoth("one");

        // The counts follow the broker's confirm of each reply, which may come after the client has the reply.
        Await.until("status counts the served requests", WAIT,
                () -> run.suite().run("status").out().contains("    requests: 1 served, 0 failed"));
        DaemonProcess.Result status = run.suite().run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("edeposit-echo-suited is running (pid " + process.pid() + ")"), status.out());
        assertTrue(status.out().contains("  echo-test: serving") && status.out().contains("  echo-aleph: serving"),
                status.out());
        assertTrue(status.out().contains("    requests: 1 served, 0 failed"), status.out());

        String slowEcho = run.first().send("{\"__nt_name\": \"Sleep\", \"millis\": 2000}");
        String slowAleph = run.second().send("{\"__nt_name\": \"Sleep\", \"millis\": 2000}");
        Await.until("both handlers hold their request", WAIT,
                () -> run.log().split("Sleep of 2000 ms started", -1).length == 3);
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), run.log());
        assertEquals(0, process.exitValue(), run.log());
        assertEquals("result", run.first().answer(slowEcho).header("x-edeposit-reply"));
        assertEquals("result", run.second().answer(slowAleph).header("x-edeposit-reply"));
        assertTrue(run.log().contains("edeposit-echo-suited stopped"), run.log());
        assertTrue(run.log().contains("[echo-aleph-worker-1]") && run.log().contains("[echo-test-worker-1]"),
                "each daemon's worker is named after it: " + run.log());
        try (var files = Files.list(run.pidDir())) {
            assertEquals(List.of("suite.log"), files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.endsWith(".attempts")).toList(), "PID and state files are removed");
        }
    }

    @Test
    void restartsAFailedDaemonWhileTheOtherServes() throws Exception {
        // --fail-fast: a lost connection ends the daemon, and its supervisor in the suite restarts it.
        process = run.start("--fail-fast");
        TestVhost aleph = run.second().vhost();
        String name = "edeposit-echo-alephd in edeposit-echo-suited@" + InetAddress.getLocalHost().getHostName()
                + " pid " + process.pid();
        Await.until("the management API lists the second daemon's connection", WAIT,
                () -> !aleph.management().connections(aleph.name(), name).isEmpty());
        aleph.management().connections(aleph.name(), name).forEach(aleph.management()::closeConnection);

        Await.until("the suite restarts the second daemon", WAIT, () -> run.log().contains("restarting echo-aleph in"));
        assertTrue(run.first().echo("meanwhile").text().contains("meanwhile"));
        Await.until("the second daemon serves again", WAIT,
                () -> run.suite().run("status").out().contains("  echo-aleph: serving"));
        echoesOnBoth("after");
        assertTrue(process.isAlive());
    }

    @Test
    void containsAnOutOfMemoryErrorOfOneHandler() throws Exception {
        process = run.start("--max-attempts", "2");
        String oom = run.second().send("{\"__nt_name\": \"Echo\", \"value\": \"" + EchoSuite.OOM + "\"}");
        String echo = run.first().send("{\"__nt_name\": \"Echo\", \"value\": \"meanwhile\"}");
        assertTrue(run.first().answer(echo).text().contains("meanwhile"));

        Reply given = run.second().answer(oom);
        assertEquals("PoisonMessageError", given.header("exception_name"), given::text);
        String log = run.log();
        assertTrue(log.contains("java.lang.OutOfMemoryError: Java heap space (thrown by the test's handler)"), log);
        echoesOnBoth("after");
        assertTrue(process.isAlive());
    }
}

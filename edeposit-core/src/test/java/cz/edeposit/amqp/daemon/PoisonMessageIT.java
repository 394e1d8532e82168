package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.rpc.RpcDaemon;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.SchemaMissingException;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that kills its daemon every time it is handled stops after the attempt limit with a
 * PoisonMessageError reply, is dead-lettered, and is acked; the requests behind it are served.
 */
class PoisonMessageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HALT = "{\"__nt_name\": \"Halt\", \"why\": \"poison\"}";

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Connection connection;
    private InProcessDaemon inProcess;

    @AfterEach
    void tearDown() throws Exception {
        if (inProcess != null) {
            inProcess.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void aRequestThatKillsTheDaemonIsAnsweredWithPoisonMessageErrorAfterTheLimit() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        Channel client = connection.createChannel();
        client.exchangeDeclare("dead-letters", "fanout", true);
        client.queueDeclare("dead", true, false, false, null);
        client.queueBind("dead", "dead-letters", "");
        ReplyCollector replies = new ReplyCollector(connection, "plone");
        Requests.publish(client, "downloader", "request", "poison-1", HALT);
        Requests.publish(client, "downloader", "request", "innocent-1", "{\"__nt_name\": \"Echo\", \"value\": 1}");
        Files.createDirectories(dir.resolve("config"));
        DaemonProcess daemon = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of("start", "--foreground",
                "--config-dir", dir.resolve("config").toString(), "--pid-dir", dir.toString(),
                "--max-attempts", "2", "--dead-letter-exchange", "dead-letters"));

        for (String run : List.of("run-1", "run-2")) {
            Process killed = daemon.start(dir.resolve(run + ".log"));
            assertTrue(killed.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the poison request kills " + run);
            assertEquals(EchoDaemon.HALT_STATUS, killed.exitValue(), () -> log(run));
        }
        Process third = daemon.start(dir.resolve("run-3.log"));
        try {
            Reply poison = replies.take(WAIT);
            assertEquals("poison-1", poison.header("UUID"));
            assertEquals("PoisonMessageError", poison.header("exception_name"));
            assertTrue(poison.header("exception").contains("delivered 3 times"), poison.header("exception"));
            assertEquals("exception", poison.header("x-edeposit-reply"));
            assertEquals("innocent-1", replies.take(WAIT).header("UUID"), "the request behind it is served");
        } finally {
            third.destroy();
            assertTrue(third.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(0, third.exitValue(), log("run-3"));
        assertTrue(log("run-3").contains("Giving up on UUID poison-1"), log("run-3"));

        GetResponse dead = client.basicGet("dead", true);
        assertNotNull(dead, "the given-up request was dead-lettered");
        assertEquals(HALT, new String(dead.getBody(), StandardCharsets.UTF_8));
        Map<String, Object> headers = dead.getProps().getHeaders();
        assertEquals("poison-1", headers.get("UUID").toString());
        assertEquals(3, ((Number) headers.get("x-edeposit-attempts")).intValue());
        assertEquals("daemon", headers.get("x-edeposit-queue").toString());
        assertEquals(0, client.messageCount("daemon"), "acked, not looping");
        try (var counts = Files.list(dir.resolve("edeposit-echo-test.attempts"))) {
            assertEquals(0, counts.count(), "no attempt count is left behind");
        }
    }

    @Test
    void refusesToStartWithADeadLetterExchangeThatDoesNotExist() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        RpcOptions options = new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER, 1, 1,
                Duration.ofSeconds(5), FaultPolicy.defaults().withDeadLetterExchange("no-such-exchange"));
        SchemaMissingException error = assertThrows(SchemaMissingException.class,
                () -> RpcDaemon.start(connection, options));
        assertEquals("dead-letter exchange 'no-such-exchange' does not exist in vhost '" + vhost.name()
                + "'; declare it (and bind a queue to it), or start without --dead-letter-exchange", error.getMessage());
    }

    /** A handler failure that is not an Exception: it ends the worker, as a real Error would. */
    static final class WorkerKilled extends Error {
        WorkerKilled() {
            super("the test kills the worker");
        }
    }

    @Test
    void aQuorumQueueRequestThatKillsItsWorkerStopsAfterTheBrokersDeliveryCount() throws Exception {
        vhost = TestVhost.empty("downloader");
        connection = vhost.connect();
        Channel client = connection.createChannel();
        client.exchangeDeclare("downloader", "topic", true);
        client.queueDeclare("daemon", true, false, false, Map.of("x-queue-type", "quorum"));
        client.queueBind("daemon", "downloader", "request");
        client.queueDeclare("plone", true, false, false, null);
        client.queueBind("plone", "downloader", "result");
        ReplyCollector replies = new ReplyCollector(connection, "plone");
        RpcHandler handler = (request, context) -> {
            if (request instanceof EchoDaemon.Echo echo && "die".equals(echo.value())) {
                throw new WorkerKilled();
            }
            return EchoDaemon.HANDLER.handle(request, context);
        };
        RpcOptions options = new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS), handler, 1, 1,
                Duration.ofSeconds(5), FaultPolicy.defaults().withMaxAttempts(3).withAttempts(AttemptStore.inMemory()));
        var settings = vhost.settings();
        inProcess = new InProcessDaemon(() -> BrokerConnection.open(settings, vhost.name(), "edeposit-test-quorum"),
                options, RecoveryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500)));
        Requests.publish(client, "downloader", "request", "q-poison", "{\"__nt_name\": \"Echo\", \"value\": \"die\"}");
        Requests.publish(client, "downloader", "request", "q-ok", "{\"__nt_name\": \"Echo\", \"value\": \"live\"}");
        Reply poison = replies.take(WAIT);
        assertEquals("q-poison", poison.header("UUID"));
        assertEquals("PoisonMessageError", poison.header("exception_name"));
        assertTrue(poison.header("exception").contains("delivered 4 times"), poison.header("exception"));
        assertEquals("q-ok", replies.take(WAIT).header("UUID"));
    }

    private String log(String run) {
        try {
            return Files.readString(dir.resolve(run + ".log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}

package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler time-out and the consumer_timeout warning, against the shared broker. */
class HandlerLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestVhost vhost;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;
    private RpcDaemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        connection.close();
        vhost.close();
    }

    private void startDaemon(RpcHandler handler, FaultPolicy faults) throws Exception {
        daemon = RpcDaemon.start(connection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS), handler,
                1, 2, Duration.ofSeconds(10), faults));
    }

    private void send(String uuid, String body) throws Exception {
        Requests.publish(client, "downloader", "request", uuid, body);
    }

    @Test
    void answersHandlerTimeoutErrorForAHandlerThatRunsTooLongAndServesTheNextRequest() throws Exception {
        startDaemon(EchoDaemon.HANDLER, FaultPolicy.defaults().withHandlerTimeout(Duration.ofSeconds(1)));
        long sent = System.nanoTime();
        send("slow", "{\"__nt_name\": \"Sleep\", \"millis\": 60000}");
        send("next", "{\"__nt_name\": \"Steps\", \"count\": 2}");
        Reply slow = replies.take(WAIT);
        assertTrue(System.nanoTime() - sent < Duration.ofSeconds(20).toNanos(), "interrupted, not waited for");
        assertEquals("slow", slow.header("UUID"));
        assertEquals("HandlerTimeoutError", slow.header("exception_name"));
        assertEquals("the handler did not finish within 1 s and was interrupted", slow.header("exception"));
        List<Reply> next = replies.take(3, WAIT);
        assertEquals(List.of("progress", "progress", "result"),
                next.stream().map(reply -> reply.header("x-edeposit-reply")).toList(),
                "progress still flows from the worker thread; the worker was not left interrupted");
        assertEquals(0, client.messageCount("daemon"));
    }

    @Test
    void dropsTheLateResultOfAHandlerThatIgnoresTheInterrupt() throws Exception {
        RpcHandler stubborn = (request, context) -> {
            if (request instanceof EchoDaemon.Echo echo && Integer.valueOf(1).equals(echo.value())) {
                long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // never looks at its interrupt flag
                }
                return new EchoDaemon.Done(1);
            }
            return EchoDaemon.HANDLER.handle(request, context);
        };
        startDaemon(stubborn, FaultPolicy.defaults().withHandlerTimeout(Duration.ofSeconds(1)));
        send("stubborn", "{\"__nt_name\": \"Echo\", \"value\": 1}");
        Reply reply = replies.take(WAIT);
        assertEquals("HandlerTimeoutError", reply.header("exception_name"));
        send("after", "{\"__nt_name\": \"Echo\", \"value\": 2}");
        Reply after = replies.take(WAIT);
        assertEquals("after", after.header("UUID"));
        assertEquals("result", after.header("x-edeposit-reply"), "the next call gets its own time");
    }

    @Test
    void warnsWhenARequestHasBeenUnackedForMostOfTheConsumerTimeout() throws Exception {
        try (LogCapture log = new LogCapture(RpcWorker.class)) {
            startDaemon(EchoDaemon.HANDLER, FaultPolicy.defaults().withConsumerTimeout(Duration.ofSeconds(2)));
            send("long-job", "{\"__nt_name\": \"Sleep\", \"millis\": 3000}");
            send("waiting-behind-it", "{\"__nt_name\": \"Echo\", \"value\": 1}");
            String warning = log.await("request UUID long-job has been unacknowledged", WAIT);
            assertTrue(warning.contains("80 % of the broker's consumer_timeout (2 s)"), warning);
            log.await("request UUID waiting-behind-it has been unacknowledged", WAIT); // prefetched, not started
            assertEquals("long-job", replies.take(WAIT).header("UUID"));
            assertEquals("waiting-behind-it", replies.take(WAIT).header("UUID"));
            assertEquals(1, log.messages().stream().filter(message -> message.contains("UUID long-job")).count(),
                    "warned once");
        }
    }
}

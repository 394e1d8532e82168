package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reply that no queue takes is published again with back-off and its request stays unacked until
 * a queue takes it, or until the retry time is spent (then logged, acked): against the real broker.
 */
class ReplyRetryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ECHO = "{\"__nt_name\": \"Echo\", \"value\": 1}";

    private TestVhost vhost;
    private Connection connection;
    private Connection daemonConnection;
    private Channel client;
    private RpcDaemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        client = connection.createChannel();
        client.queueBind("daemon", "downloader", "late.request"); // nothing is bound to late.result yet
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (daemonConnection != null && daemonConnection.isOpen()) {
            daemonConnection.abort();
        }
        connection.close();
        vhost.close();
    }

    private void startDaemon(Duration replyRetry) throws Exception {
        daemonConnection = vhost.connect();
        daemon = RpcDaemon.start(daemonConnection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS),
                EchoDaemon.HANDLER, 1, 4, Duration.ofSeconds(5), FaultPolicy.defaults().withReplyRetry(replyRetry)));
    }

    @Test
    void aReplyWhoseQueueIsBoundLateIsDeliveredOnceTheBindingExistsAndOnlyThenAcked() throws Exception {
        try (LogCapture log = new LogCapture(ReplyRetry.class)) {
            startDaemon(Duration.ofSeconds(60));
            Requests.publish(client, "downloader", "late.request", "u-late", ECHO);
            assertEquals("Reply for UUID u-late was not routable: no queue is bound to key 'late.result' on exchange"
                    + " 'downloader' (NO_ROUTE); publishing it again for up to 60 s", log.await("was not routable", WAIT));
            client.queueDeclare("late", false, false, false, null);
            ReplyCollector late = new ReplyCollector(connection, "late");
            client.queueBind("late", "downloader", "late.result");
            assertEquals("u-late", late.take(WAIT).header("UUID"));
            String delivered = log.await("delivered on attempt", WAIT);
            assertTrue(delivered.startsWith("Reply for UUID u-late to key 'late.result' delivered on attempt "), delivered);
            daemon.close(); // drains: the request must be acked by now, or it would go back to the queue
            daemon = null;
            assertEquals(0, client.messageCount("daemon"), "acked after the retry was delivered");
        }
    }

    @Test
    void aRequestWhoseReplyIsBeingRetriedIsNotAckedAndComesBackWhenTheDaemonIsLost() throws Exception {
        try (LogCapture log = new LogCapture(ReplyRetry.class)) {
            startDaemon(Duration.ofSeconds(60));
            Requests.publish(client, "downloader", "late.request", "u-held", ECHO);
            log.await("publishing it again", WAIT);
            daemonConnection.abort(); // the daemon dies while retrying
            Await.until("the held request back in the queue", WAIT, () -> client.messageCount("daemon") == 1);
        }
    }

    @Test
    void aReplyStillUnroutableAfterTheRetryTimeIsLoggedAndItsRequestAcked() throws Exception {
        try (LogCapture log = new LogCapture(ReplyRetry.class)) {
            startDaemon(Duration.ofSeconds(2));
            Requests.publish(client, "downloader", "late.request", "u-gone", ECHO);
            String error = log.await("is undeliverable", WAIT);
            assertTrue(error.startsWith("Reply for UUID u-gone is undeliverable: no queue took key 'late.result' on"
                    + " exchange 'downloader' in "), error);
            assertTrue(error.endsWith(" attempts over 2 s; the request is acked and the reply dropped (is the client"
                    + " gone?)"), error);
            Await.until("the request acked", WAIT, () -> client.messageCount("daemon") == 0);
            // The client is gone: its next reply is given up at once, not after another 2 s.
            Requests.publish(client, "downloader", "late.request", "u-gone-2", ECHO);
            assertEquals("Reply for UUID u-gone-2 was not routable: no queue is bound to key 'late.result' on exchange"
                    + " 'downloader' (NO_ROUTE); the request is acked (a reply to this key was given up lately)",
                    log.await("u-gone-2 was not routable", WAIT));
            ReplyCollector replies = new ReplyCollector(connection, vhost.host().outputQueue());
            Requests.publish(client, "downloader", "request", "u-after", ECHO);
            assertEquals("u-after", replies.take(WAIT).header("UUID"), "the worker serves on");
        }
    }
}

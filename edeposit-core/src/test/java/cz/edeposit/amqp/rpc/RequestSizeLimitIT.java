package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request body over the daemon's limit is answered with a ValueError naming both sizes, without
 * being decoded or reaching the handler, and acked; a body of exactly the limit is served.
 */
class RequestSizeLimitIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LIMIT = 1024;

    private TestVhost vhost;
    private Connection connection;
    private RpcDaemon daemon;

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        connection.close();
        vhost.close();
    }

    private static String echoOfLength(int bytes) {
        String head = "{\"__nt_name\": \"Echo\", \"value\": \"";
        String body = head + "x".repeat(bytes - head.length() - 2) + "\"}";
        assertEquals(bytes, body.getBytes(StandardCharsets.UTF_8).length);
        return body;
    }

    @Test
    void aBodyOverTheLimitIsAValueErrorAndNeverReachesTheHandler() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        Channel client = connection.createChannel();
        ReplyCollector replies = new ReplyCollector(connection, vhost.host().outputQueue());
        AtomicInteger handled = new AtomicInteger();
        RpcHandler counting = (request, context) -> {
            handled.incrementAndGet();
            return EchoDaemon.HANDLER.handle(request, context);
        };
        daemon = RpcDaemon.start(connection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS), counting,
                1, 1, Duration.ofSeconds(10)).withMaxRequestBytes(LIMIT));

        Requests.publish(client, "downloader", "request", "too-big", echoOfLength(LIMIT + 1));
        Requests.publish(client, "downloader", "request", "just-fits", echoOfLength(LIMIT));

        Reply refused = replies.take(WAIT);
        assertEquals("too-big", refused.header("UUID"));
        assertEquals("ValueError", refused.header("exception_name"));
        assertEquals("the request body of 1025 bytes is larger than this daemon's limit of 1024 bytes",
                refused.header("exception"));
        assertEquals("exception", refused.header("x-edeposit-reply"));
        Reply served = replies.take(WAIT);
        assertEquals("just-fits", served.header("UUID"));
        assertTrue(served.text().contains("Echoed"), served.text());
        assertEquals(1, handled.get(), "only the request within the limit reached the handler");
        daemon.close();
        daemon = null;
        assertEquals(0, client.messageCount(vhost.host().inputQueue()), "both acked");
    }
}

package cz.edeposit.amqp.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.ReplyTally;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics port of a daemon serving real requests through the broker, scraped over HTTP. */
class MetricsEndpointIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DAEMON = "echo-test";

    private TestVhost vhost;
    private MetricsEndpoint endpoint;
    private InProcessDaemon daemon;
    private Connection connection;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        endpoint = MetricsEndpoint.start(DAEMON, "127.0.0.1", 0);
        RpcOptions options = new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER,
                2, 4, Duration.ofSeconds(10));
        daemon = new InProcessDaemon(() -> BrokerConnection.openForDaemon(vhost.settings(), vhost.name(),
                "edeposit-metrics-test", 10), options, RecoveryPolicy.defaults(), endpoint.daemon(DAEMON).metrics(),
                endpoint.daemon(DAEMON).health());
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        connection = vhost.connect();
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        endpoint.close();
        connection.abort();
        vhost.close();
    }

    @Test
    void countsAndLabelsMatchTheRequestsSent() throws Exception {
        Map<String, String> requests = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            requests.put("echo-" + i, "{\"__nt_name\": \"Echo\", \"value\": " + i + "}");
        }
        requests.put("fail", "{\"__nt_name\": \"Fail\", \"message\": \"no\"}");
        requests.put("domain", "{\"__nt_name\": \"Fail\", \"message\": \"no\", \"domain\": true}");
        requests.put("steps", "{\"__nt_name\": \"Steps\", \"count\": 2}");
        requests.put("garbage", "not json");
        try (Channel client = connection.createChannel()) {
            client.confirmSelect();
            for (Map.Entry<String, String> request : requests.entrySet()) {
                Requests.publish(client, "downloader", "request", request.getKey(), request.getValue());
            }
            client.waitForConfirmsOrDie(30_000);
        }
        ReplyTally.Counts replies = new ReplyTally(vhost.broker().factory(vhost.name()), "plone", requests.keySet())
                .await(WAIT, Duration.ofMillis(500));
        assertTrue(replies.lost().isEmpty(), replies.toString());

        // The counters move just after each reply is published: wait for the last of them, the acks.
        Await.until("all seven requests acked", WAIT, () -> scrape().value("edeposit_ack_delay_seconds_count",
                "daemon", DAEMON) == 7);
        Scrape metrics = scrape();
        assertEquals(200, metrics.status());
        assertEquals(3, metrics.value("edeposit_requests_received_total", "daemon", DAEMON, "type", "Echo"));
        assertEquals(2, metrics.value("edeposit_requests_received_total", "daemon", DAEMON, "type", "Fail"));
        assertEquals(1, metrics.value("edeposit_requests_received_total", "daemon", DAEMON, "type", "undecodable"));
        assertEquals(3, metrics.value("edeposit_requests_answered_total", "daemon", DAEMON, "type", "Echo"));
        assertEquals(1, metrics.value("edeposit_requests_answered_total", "daemon", DAEMON, "type", "Steps"));
        assertEquals(1, metrics.value("edeposit_requests_failed_total", "daemon", DAEMON, "type", "Fail",
                "exception", "UserWarning"));
        assertEquals(1, metrics.value("edeposit_requests_failed_total", "daemon", DAEMON, "type", "Fail",
                "exception", "DomainFailure"));
        assertEquals(1, metrics.value("edeposit_requests_failed_total", "daemon", DAEMON, "type", "undecodable",
                "exception", "ValueError"));
        assertEquals(2, metrics.value("edeposit_progress_messages_total", "daemon", DAEMON, "type", "Steps"));
        assertEquals(3, metrics.value("edeposit_handler_duration_seconds_count", "daemon", DAEMON, "type", "Echo"));
        assertEquals(3, metrics.value("edeposit_handler_duration_seconds_bucket", "daemon", DAEMON, "type", "Echo",
                "le", "600.0"));
        assertEquals(0, metrics.value("edeposit_requests_in_hand", "daemon", DAEMON));
        assertEquals(0, metrics.value("edeposit_requests_awaiting_confirms", "daemon", DAEMON));
        assertEquals(0, metrics.value("edeposit_reconnects_total", "daemon", DAEMON));
        int port = vhost.broker().factory(vhost.name()).getPort();
        assertTrue(metrics.body().matches("(?s).*\nedeposit_broker_connected\\{daemon=\"echo-test\",node=\"[^\"]+:"
                + port + "\"} 1(\\.0)?\n.*"), metrics.body());
        double age = metrics.value("edeposit_last_success_age_seconds", "daemon", DAEMON);
        assertTrue(age >= 0 && age < WAIT.toSeconds(), metrics.body());
        assertTrue(metrics.value("jvm_threads_current") > 0, "the JVM's metrics are there too");
    }

    @Test
    void healthzIsOkWhileServingAndSaysStoppingAfterClose() throws Exception {
        Scrape serving = Scrape.get(endpoint.port(), "/healthz");
        assertEquals(new Scrape(200, "ok\n"), serving);
        daemon.close();
        Scrape stopped = Scrape.get(endpoint.port(), "/healthz");
        assertEquals(new Scrape(503, "stopping\n"), stopped);
        assertEquals(404, Scrape.get(endpoint.port(), "/other").status());
    }

    private Scrape scrape() throws Exception {
        return Scrape.get(endpoint.port(), "/metrics");
    }
}

package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import cz.edeposit.amqp.testing.EchoDaemon.Done;
import cz.edeposit.amqp.testing.EchoDaemon.Echo;
import cz.edeposit.amqp.testing.EchoDaemon.Echoed;
import cz.edeposit.amqp.testing.EchoDaemon.Step;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.wire.WireHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against the real broker and the real daemon: pairing, progress and exception replies. */
class RpcClientIT {

    private EchoFixture fixture;
    private RpcClient client;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new EchoFixture();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        fixture.close();
    }

    @Test
    void pairsEveryReplyWithItsCallUnder64ConcurrentCalls() throws Exception {
        fixture.startDaemon(4, 16);
        client = fixture.client().build();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(client.call(fixture.host, new Echo("value-" + i)));
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(new Echoed("value-" + i), calls.get(i).get(20, TimeUnit.SECONDS));
        }
        assertEquals(0, client.pendingCalls());
        assertEquals(0, fixture.messagesIn(fixture.host.outputQueue()), "a reply reached the shared plone queue");
    }

    @Test
    void deliversProgressInOrderThenTheResult() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        List<Object> progress = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Done> call = client.call(fixture.host, new EchoDaemon.Steps(5), Done.class,
                CallOptions.defaults().withProgress(progress::add));
        // The snapshot is taken when the future completes: every progress message came before.
        List<Object> seenAtCompletion = call.thenApply(done -> List.copyOf(progress)).get(20, TimeUnit.SECONDS);
        assertEquals(new Done(5), call.get());
        assertEquals(List.of(new Step(1), new Step(2), new Step(3), new Step(4), new Step(5)), seenAtCompletion);
    }

    @Test
    void failsWithRemoteExceptionCarryingTheFourExceptionHeaders() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        RemoteException remote = assertThrows(RemoteException.class,
                () -> client.callAndWait(fixture.host, new EchoDaemon.Fail("Dokument nenalezen", true)));
        assertEquals("DomainFailure", remote.exceptionName());
        assertEquals("<class '" + EchoDaemon.DomainFailure.class.getName() + "'>", remote.exceptionType());
        assertEquals("Dokument nenalezen", remote.remoteMessage());
        assertTrue(remote.remoteTraceback().contains("DomainFailure"), remote.remoteTraceback());
        assertEquals("downloader", remote.host());
        assertEquals(0, client.pendingCalls());
    }

    /** A Java type of the caller's, reachable only through the allow-list. */
    static final class DocumentMissing extends RuntimeException {
        DocumentMissing(RemoteException remote) {
            super(remote.remoteMessage(), remote);
        }
    }

    @Test
    void rebuildsOnlyAllowListedExceptionNames() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().remoteErrors(RemoteErrors.builder().map("DomainFailure", DocumentMissing::new).build())
                .build();
        DocumentMissing rebuilt = assertThrows(DocumentMissing.class,
                () -> client.callAndWait(fixture.host, new EchoDaemon.Fail("gone", true)));
        assertEquals("gone", rebuilt.getMessage());
        assertEquals("DomainFailure", assertInstanceOf(RemoteException.class, rebuilt.getCause()).exceptionName());
        RemoteException other = assertThrows(RemoteException.class,
                () -> client.callAndWait(fixture.host, new EchoDaemon.Fail("warned", false)));
        assertEquals("UserWarning", other.exceptionName());
        assertEquals("<type 'exceptions.UserWarning'>", other.exceptionType());
    }

    @Test
    void pairsByAPloneStyleJsonUuid() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        String uuid = "{\"request_UID\": \"1b2c\", \"systemMessages_UID\": \"9f\", \"session_data\": {\"jméno\": \"Žluťoučký\"}}";
        Object reply = client.call(fixture.host, new Echo(7), CallOptions.defaults().withUuid(uuid))
                .get(20, TimeUnit.SECONDS);
        assertEquals(new Echoed(7), reply);
    }

    @Test
    void rejectsASecondPendingCallWithTheSameUuid() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        CallOptions options = CallOptions.defaults().withUuid("same");
        CompletableFuture<Object> first = client.call(fixture.host, new EchoDaemon.Sleep(500), options);
        CompletableFuture<Object> second = client.call(fixture.host, new Echo(1), options);
        Exception error = assertThrows(Exception.class, () -> second.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, error.getCause());
        assertEquals(new Done(0), first.get(20, TimeUnit.SECONDS));
    }

    @Test
    void treatsHeaderlessRepliesAsFinalUnlessTheirNameIsAProgressType() throws Exception {
        startPythonStyleDaemon();
        client = fixture.client().progressTypes(fixture.host.vhost(), "Step").build();
        List<Object> progress = Collections.synchronizedList(new ArrayList<>());
        Object reply = client.call(fixture.host, new Echo(1), CallOptions.defaults().withProgress(progress::add))
                .get(20, TimeUnit.SECONDS);
        assertEquals(new Done(2), reply);
        assertEquals(List.of(new Step(1), new Step(2)), progress);
        client.close();

        client = fixture.client().build();
        assertEquals(new Step(1), client.call(fixture.host, new Echo(1)).get(20, TimeUnit.SECONDS));
    }

    /** Answers like the original Python daemon: two progress messages and a result, headers {@code UUID} only. */
    private void startPythonStyleDaemon() throws IOException {
        Channel channel = fixture.connection.createChannel();
        String exchange = fixture.host.exchange();
        channel.basicConsume(fixture.host.inputQueue(), true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder().contentType(WireHeaders.JSON)
                        .deliveryMode(1).headers(Map.of(WireHeaders.UUID, properties.getHeaders().get(WireHeaders.UUID)))
                        .build();
                String key = fixture.host.replyKey(envelope.getRoutingKey());
                for (String json : List.of("{\"step\": 1, \"__nt_name\": \"Step\"}", "{\"step\": 2, \"__nt_name\": \"Step\"}",
                        "{\"steps\": 2, \"__nt_name\": \"Done\"}")) {
                    channel.basicPublish(exchange, key, reply, json.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }
}

package cz.edeposit.amqp.client;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerRefusal;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.rpc.RpcDaemon;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.TestVhost;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A vhost of its own with the downloader schema and, when started, the echo daemon serving it in-process. */
final class EchoFixture implements AutoCloseable {

    /** What the echo daemon answers with. */
    static final TypeRegistry REPLIES = TypeRegistry.of(MessageType.of(EchoDaemon.Echoed.class),
            MessageType.of(EchoDaemon.Step.class), MessageType.of(EchoDaemon.Done.class));

    final TestVhost vhost;
    final HostSettings host;
    final Connection connection;
    private final List<RpcDaemon> daemons = new ArrayList<>();

    EchoFixture() throws IOException {
        vhost = TestVhost.withSchema("downloader");
        host = vhost.host();
        connection = vhost.connect();
    }

    EchoFixture startDaemon(int workers, int prefetch) throws IOException {
        return startDaemon(host, workers, prefetch);
    }

    EchoFixture startDaemon(HostSettings served, int workers, int prefetch) throws IOException {
        daemons.add(RpcDaemon.start(connection, new RpcOptions(served, new NtCodec(EchoDaemon.REQUESTS),
                EchoDaemon.HANDLER, workers, prefetch, Duration.ofSeconds(5))));
        return this;
    }

    /**
     * A second host on the same exchange whose input queue {@code parked} nobody consumes until a
     * daemon is started for it: calls to it wait, whatever the machine's load.
     */
    HostSettings parkedHost() throws IOException {
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueDeclare("parked", true, false, false, null);
            channel.get().queueBind("parked", host.exchange(), "parked");
        }
        return new HostSettings("parked", host.vhost(), host.exchange(), "parked", host.outputQueue(),
                "parked", host.outputKey());
    }

    RpcClientBuilder client() {
        return RpcClient.builder(vhost.settings()).replyTypes(host, REPLIES);
    }

    /** Messages waiting in {@code queue}, e.g. the shared {@code plone} queue no reply may reach. */
    long messagesIn(String queue) throws IOException {
        try (var channel = new ThrowawayChannel(connection)) {
            return channel.get().queueDeclarePassive(queue).getMessageCount();
        }
    }

    /** Whether {@code queue} exists in the vhost. */
    boolean queueExists(String queue) throws IOException {
        try (var channel = new ThrowawayChannel(connection)) {
            channel.get().queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            if (BrokerRefusal.of(e).notFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        daemons.forEach(RpcDaemon::close);
        connection.abort(5_000);
        vhost.close();
    }
}

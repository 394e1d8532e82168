import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.storage.StorageMessages;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client side of scripts/demo, playing the part Plone plays in production. Compiled by the demo
 * against the distribution's lib/; reads the same settings as the daemon (EDEPOSIT_CONFIG_DIR).
 *
 * <pre>
 *   DemoClient vhost-delete NAME                       removes the demo's vhost (management API, guest on 127.0.0.1:15672)
 *   DemoClient download                                serves a page on loopback, asks the downloader for it,
 *                                                      prints the decoded reply
 *   DemoClient free-port                               prints a free TCP port on loopback (storage's WEB_PORT)
 *   DemoClient store                                   saves the page in edeposit-storaged, then downloads it
 *                                                      from the URL of the reply
 * </pre>
 */
public final class DemoClient {

    private static final String PAGE = "<!DOCTYPE html>\n<title>edeposit-amqp demo</title>\n"
            + "<p>This page was served on 127.0.0.1, fetched by edeposit-downloaderd and returned through RabbitMQ.</p>\n";

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "vhost-delete" -> deleteVhost(args[1]);
            case "download" -> System.exit(download());
            case "free-port" -> {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    System.out.println(socket.getLocalPort());
                }
            }
            case "store" -> System.exit(store());
            default -> {
                System.err.println("usage: DemoClient vhost-delete NAME | download | free-port | store");
                System.exit(2);
            }
        }
    }

    /** edeposit-amqp-tool creates vhosts but removes none; the demo leaves nothing behind. */
    private static void deleteVhost(String vhost) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672/api/vhosts/" + vhost))
                .header("Authorization", "Basic " + credentials)
                .DELETE().build();
        // HTTP/1.1: the management API does not answer an h2c upgrade.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE vhost " + vhost + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static int download() throws Exception {
        AmqpSettings amqp = AmqpSettings.load(new ConfigLocator(null, System.getenv(), Path.of("/etc/edeposit")), System.getenv());
        HostSettings host = amqp.host("downloader");
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        page.start();
        String url = "http://127.0.0.1:" + page.getAddress().getPort() + "/demo.html";
        try (Connection connection = BrokerConnection.open(amqp, host.vhost(), "edeposit demo client")) {
            Channel channel = connection.createChannel();
            BlockingQueue<Object[]> replies = new LinkedBlockingQueue<>();
            channel.basicConsume(host.outputQueue(), true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    replies.add(new Object[] {properties, body});
                }
            });
            String uuid = UUID.randomUUID().toString();
            NtCodec codec = new NtCodec(TypeRegistry.of(MessageType.of(DownloadedFile.class)));
            byte[] request = codec.encode(new Download(url));
            System.out.println("request  -> exchange '" + host.exchange() + "', key '" + host.inputKey() + "', UUID " + uuid);
            System.out.println("            " + new String(request, StandardCharsets.UTF_8));
            channel.basicPublish(host.exchange(), host.inputKey(), new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).headers(Map.of("UUID", uuid)).build(), request);
            return printReply(replies, uuid, codec);
        } finally {
            page.stop(0);
        }
    }

    /** Saves the demo page as a public publication, then reads it back from the URL the daemon returned. */
    private static int store() throws Exception {
        AmqpSettings amqp = AmqpSettings.load(new ConfigLocator(null, System.getenv(), Path.of("/etc/edeposit")), System.getenv());
        HostSettings host = amqp.host("storage");
        String uuid = UUID.randomUUID().toString();
        Publication publication = new Publication("edeposit-amqp demo", "edeposit-amqp", "2026", null, null, uuid, null,
                null, true, "demo.html", false, null,
                Base64.getEncoder().encodeToString(PAGE.getBytes(StandardCharsets.UTF_8)), null, null);
        NtCodec codec = new NtCodec(StorageMessages.REQUESTS);
        try (Connection connection = BrokerConnection.open(amqp, host.vhost(), "edeposit demo client")) {
            Channel channel = connection.createChannel();
            BlockingQueue<Object[]> replies = new LinkedBlockingQueue<>();
            channel.basicConsume(host.outputQueue(), true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    replies.add(new Object[] {properties, body});
                }
            });
            byte[] request = codec.encode(new SaveRequest(publication));
            System.out.println("request  -> exchange '" + host.exchange() + "', key '" + host.inputKey() + "', UUID " + uuid);
            System.out.println("            SaveRequest(Publication(uuid=" + uuid + ", is_public=True, filename=demo.html, b64_data="
                    + PAGE.length() + " bytes))");
            channel.basicPublish(host.exchange(), host.inputKey(), new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).headers(Map.of("UUID", uuid)).build(), request);
            byte[] body = awaitReply(replies, uuid);
            if (body == null) {
                return 1;
            }
            Publication saved = codec.decode(body, Publication.class);
            System.out.println("reply    <- Publication(uuid=" + saved.uuid() + ", url=" + saved.url() + ", file_pointer="
                    + saved.filePointer() + ")");
            HttpResponse<String> download = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(saved.url())).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("GET " + saved.url() + " -> HTTP " + download.statusCode() + ", "
                    + download.headers().firstValue("Content-Type").orElse("?") + ":");
            System.out.print(download.body());
            return download.statusCode() == 200 && download.body().equals(PAGE) ? 0 : 1;
        }
    }

    /** The body of the reply to {@code uuid}, or null (printed why) after an exception or 60 s. */
    private static byte[] awaitReply(BlockingQueue<Object[]> replies, String uuid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Object[] reply = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (reply == null) {
                break;
            }
            Map<String, Object> headers = ((AMQP.BasicProperties) reply[0]).getHeaders();
            if (headers == null || !uuid.equals(String.valueOf(headers.get("UUID")))) {
                continue; // an answer to someone else's request
            }
            if (headers.containsKey("exception_name")) {
                System.out.println("reply    <- exception " + headers.get("exception_name") + ": " + headers.get("exception"));
                return null;
            }
            return (byte[]) reply[1];
        }
        System.out.println("no reply within 60 s: is the daemon running?");
        return null;
    }

    private static int printReply(BlockingQueue<Object[]> replies, String uuid, NtCodec codec) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Object[] reply = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (reply == null) {
                break;
            }
            AMQP.BasicProperties properties = (AMQP.BasicProperties) reply[0];
            Map<String, Object> headers = properties.getHeaders();
            if (headers == null || !uuid.equals(String.valueOf(headers.get("UUID")))) {
                continue; // an answer to someone else's request
            }
            byte[] body = (byte[]) reply[1];
            if (headers.containsKey("exception_name")) {
                System.out.println("reply    <- exception " + headers.get("exception_name") + ": " + headers.get("exception"));
                return 1;
            }
            DownloadedFile file = codec.decode(body, DownloadedFile.class);
            byte[] content = Base64.getMimeDecoder().decode(file.b64Data());
            System.out.println("reply    <- DownloadedFile(url=" + file.url() + ", b64_data=" + content.length + " bytes)");
            System.out.println("decoded:");
            System.out.print(new String(content, StandardCharsets.UTF_8));
            return 0;
        }
        System.out.println("no reply within 60 s: is edeposit-downloaderd running?");
        return 1;
    }
}

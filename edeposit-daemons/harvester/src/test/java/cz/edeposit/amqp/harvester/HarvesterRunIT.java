package cz.edeposit.amqp.harvester;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publications;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.wire.WireHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --harvest} against an ONIX file on a loopback server and the real broker, run after run. */
class HarvesterRunIT {

    @TempDir
    Path dir;

    private HttpServer server;
    private volatile String onix = OnixParserTest.REFERENCE;
    private volatile String etag = "\"v1\"";
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final List<String> pages = new CopyOnWriteArrayList<>();
    private volatile String robotsTxt;
    private final CountDownLatch trickleEnds = new CountDownLatch(1);
    private final Map<String, String> extraEnv = new HashMap<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/onix.xml", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(sent));
            if (etag.equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] body = onix.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/feed.xml", exchange -> {
            byte[] body = FeedParserTest.ATOM.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Last-Modified", "Wed, 01 May 2024 00:00:00 GMT");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/robots.txt", exchange -> {
            byte[] body = robotsTxt == null ? new byte[0] : robotsTxt.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(robotsTxt == null ? 404 : 200, robotsTxt == null ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/novinky/", exchange -> {
            pages.add(exchange.getRequestURI().toString());
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String html = query.equals("strana=2") ? HtmlPagesTest.page("?strana=3", "Druhá", "Žlutý kůň")
                    : query.equals("strana=3") ? HtmlPagesTest.page(null, "Třetí") : HtmlPagesTest.page("?strana=2", "Žlutý kůň");
            byte[] body = html.getBytes(java.nio.charset.Charset.forName("windows-1250"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/trickle.xml", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                // A byte every 50 ms, far within HARVESTER_TIMEOUT, until the harvester hangs up or the test ends.
                for (int i = 0; i < 1200 && !trickleEnds.await(50, TimeUnit.MILLISECONDS); i++) {
                    exchange.getResponseBody().write(' ');
                    exchange.getResponseBody().flush();
                }
            } catch (java.io.IOException hungUp) {
                // The harvester gave up on the source: what the test is about.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // the trickle holds its thread only
        server.start();
        Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - name: argo\n    type: onix\n    url: http://127.0.0.1:"
                + server.getAddress().getPort() + "/onix.xml\n    publisher: Argo\n");
    }

    @AfterEach
    void stop() {
        trickleEnds.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
    }

    private int harvest(TestVhost vhost) {
        return command(vhost, "--harvest");
    }

    private int command(TestVhost vhost, String mode) {
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
        env.put("EDEPOSIT_HARVESTER_STATE_DIR", dir.resolve("state").toString());
        env.put("EDEPOSIT_DUP_FILTER_FILE", dir.resolve("cache.json").toString());
        env.put("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8");
        env.put("EDEPOSIT_HARVESTER_MIN_DELAY", "0");
        env.putAll(extraEnv);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return HarvesterCommand.run(new String[]{mode, "--config-dir", vhost.emptyConfigDir().toString()}, env,
                quiet, System.err);
    }

    private static Publications next(Channel channel) throws Exception {
        GetResponse response = channel.basicGet("plone", true);
        if (response == null) {
            return null;
        }
        assertEquals(WireHeaders.JSON, response.getProps().getContentType());
        assertEquals(2, response.getProps().getDeliveryMode());
        assertNotNull(response.getProps().getHeaders().get(WireHeaders.UUID));
        return new NtCodec(HarvesterMessages.PUBLISHED).decode(response.getBody(), Publications.class);
    }

    @Test
    void publishesNewBooksOnceThenSends304ValidatorsAndAnnouncesOnlyTheNewProduct() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Channel channel = connection.createChannel();
            assertEquals(0, harvest(vhost));
            Publications first = next(channel);
            assertEquals(List.of("Krakatit"), first.publications().stream().map(Publication::title).toList());
            assertNull(next(channel));

            assertEquals(0, harvest(vhost));
            assertEquals("\"v1\"", ifNoneMatch.get(1));
            assertNull(next(channel), "a 304 announces nothing");

            etag = "\"v2\"";
            onix = OnixParserTest.REFERENCE.replace("</ONIXMessage>", """
                    <Product><NotificationType>03</NotificationType><DescriptiveDetail><TitleDetail><TitleType>01</TitleType>
                    <TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>Povětroň</TitleText></TitleElement>
                    </TitleDetail></DescriptiveDetail></Product>
                    <Product><NotificationType>03</NotificationType><DescriptiveDetail><TitleDetail><TitleType>01</TitleType>
                    <TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>Povětroň</TitleText></TitleElement>
                    </TitleDetail></DescriptiveDetail></Product></ONIXMessage>""");
            assertEquals(0, harvest(vhost));
            assertEquals(List.of("Povětroň"), next(channel).publications().stream().map(Publication::title).toList(),
                    "Krakatit was announced before; the second Povětroň is the same book within the run");
        }
    }

    @Test
    void followsTheNextLinkOfAnHtmlSourceUpToMaxPages() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - name: shop\n    type: html\n    url: http://127.0.0.1:"
                    + server.getAddress().getPort() + "/novinky/\n    publisher: Paseka\n    max_pages: 2\n    selectors:\n"
                    + HtmlPagesTest.SELECTORS.entrySet().stream().map(e -> "      " + e.getKey() + ": '" + e.getValue() + "'\n")
                    .collect(java.util.stream.Collectors.joining()));
            assertEquals(0, harvest(vhost));
            assertEquals(List.of("/novinky/", "/novinky/?strana=2"), pages, "page 3 is beyond max_pages");
            assertEquals(List.of("Žlutý kůň", "Druhá"), next(connection.createChannel()).publications().stream()
                    .map(Publication::title).toList(), "Žlutý kůň on page 2 is the same book as on page 1");
        }
    }

    @Test
    void neverRequestsAPathItsRobotsTxtDisallowsForUs() throws Exception {
        robotsTxt = "User-agent: *\nAllow: /\n\nUser-agent: edeposit-harvester\nDisallow: /onix\n";
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            assertEquals(HarvesterRun.PARTLY, harvest(vhost));
            assertTrue(ifNoneMatch.isEmpty(), "the ONIX file was never requested");
            assertNull(next(connection.createChannel()));
        }
    }

    @Test
    void theSelfTestPassesQuietlyAndOnAFailureSendsAnExceptionShapedMessage() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Channel channel = connection.createChannel();
            assertEquals(0, command(vhost, "--unittest"));
            assertNull(channel.basicGet("plone", true), "a passing self-test sends nothing");
            assertFalse(Files.exists(dir.resolve("cache.json")), "and remembers nothing");

            onix = "<ONIXMessage><Product>";
            assertEquals(HarvesterRun.NOT_DELIVERED, command(vhost, "--unittest"));
            GetResponse failure = channel.basicGet("plone", true);
            assertEquals(WireHeaders.TEXT, failure.getProps().getContentType());
            assertEquals(2, failure.getProps().getDeliveryMode());
            Map<String, Object> headers = failure.getProps().getHeaders();
            assertEquals("UserWarning", headers.get(WireHeaders.EXCEPTION_NAME).toString());
            assertTrue(headers.get(WireHeaders.EXCEPTION).toString().startsWith("source 'argo': "), headers.toString());
            assertNotNull(headers.get(WireHeaders.UUID));
            assertTrue(new String(failure.getBody(), StandardCharsets.UTF_8).startsWith("source 'argo': "));
        }
    }

    @Test
    void announcesABookOnceWhenAFeedAndAnOnixFileBothListIt() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Files.writeString(dir.resolve("sources.yaml"), Files.readString(dir.resolve("sources.yaml"))
                    + "  - {name: feed, type: feed, url: 'http://127.0.0.1:" + server.getAddress().getPort()
                    + "/feed.xml', publisher: Argo}\n");
            assertEquals(0, harvest(vhost));
            assertEquals(List.of("Krakatit"), next(connection.createChannel()).publications().stream()
                    .map(Publication::title).toList(), "the same ISBN in both sources");
            assertTrue(Files.readString(dir.resolve("state").resolve(HarvesterValidators.FILE))
                    .contains("Wed, 01 May 2024 00:00:00 GMT"), "the feed's Last-Modified is kept for the next run");
        }
    }

    @Test
    void aReturnedMessageIsNotDeliveredAndNothingIsRemembered() throws Exception {
        try (TestVhost vhost = TestVhost.empty("harvester"); Connection connection = vhost.connect()) {
            connection.createChannel().exchangeDeclare("harvester", "direct", true);
            assertEquals(HarvesterRun.NOT_DELIVERED, harvest(vhost));
            assertFalse(Files.exists(dir.resolve("cache.json")));
            assertFalse(Files.exists(dir.resolve("state").resolve(HarvesterValidators.FILE)));
        }
    }

    @Test
    void aRefusedDestinationIsLoggedAndExits75WithNothingPublished() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: lan, type: onix, url: 'http://10.0.0.1:9/x.xml',"
                    + " publisher: P}\n");
            assertEquals(HarvesterRun.PARTLY, harvest(vhost));
            assertNull(next(connection.createChannel()));
            assertTrue(ifNoneMatch.isEmpty());
        }
    }

    @Test
    void aSourceThatTricklesIsCutOffAtTheTotalTimeoutAndTheNextSourceIsStillAnnounced() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: slow, type: onix, url: 'http://127.0.0.1:"
                    + server.getAddress().getPort() + "/trickle.xml', publisher: P}\n"
                    + Files.readString(dir.resolve("sources.yaml")).substring("sources:\n".length()));
            extraEnv.put("EDEPOSIT_HARVESTER_TOTAL_TIMEOUT", "3");
            assertEquals(HarvesterRun.PARTLY, harvest(vhost), "the trickling source failed");
            assertEquals(List.of("Krakatit"), next(connection.createChannel()).publications().stream()
                    .map(Publication::title).toList(), "the source after it was fetched and announced");
        }
    }
}

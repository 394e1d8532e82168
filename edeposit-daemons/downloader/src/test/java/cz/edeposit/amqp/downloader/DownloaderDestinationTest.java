package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.PinnedHttp;
import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.ProgressDownload;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downloader refuses every destination that is not public unicast before it connects: given
 * directly, by a name, in another spelling, or by a redirect. The dialer of these tests records
 * every connection asked for and opens none, unless a test lets it reach the loopback server.
 */
class DownloaderDestinationTest {

    private static LoopbackHttpServer server;
    private final List<InetSocketAddress> dialed = new CopyOnWriteArrayList<>();
    private final RecordingContext context = new RecordingContext();

    @BeforeAll
    static void startServer() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Nothing may be connected to: the dialer records the address and fails. */
    private final PinnedHttp.Dialer noConnection = (address, timeout) -> {
        dialed.add(address);
        throw new ConnectException("the test allows no connection");
    };

    /** Connects for real, recording where: only for the loopback server, which the settings allow. */
    private final PinnedHttp.Dialer recordingDialer = (address, timeout) -> {
        dialed.add(address);
        return PinnedHttp.dial(address, timeout);
    };

    private static DownloaderSettings defaults() {
        return LoopbackSettings.load(Map.of(DownloaderSettings.ALLOW_NETWORKS, ""));
    }

    private DownloaderHandler handler(DownloaderSettings settings, DestinationPolicy.Resolver resolver, PinnedHttp.Dialer dialer) {
        return new DownloaderHandler(new HttpFetcher(settings, resolver, dialer));
    }

    private String refusal(DownloaderHandler handler, Object request) {
        InvalidURL error = assertThrows(InvalidURL.class, () -> handler.handle(request, context), request::toString);
        return error.getMessage();
    }

    private static String port() {
        return server.url("").substring("http://127.0.0.1".length());
    }

    @Test
    void refusesLoopbackUnspecifiedPrivateAndLinkLocalDestinationsInEverySpellingWithoutConnecting() {
        DownloaderHandler handler = handler(defaults(), InetAddress::getAllByName, noConnection);
        int before = server.requests().size();
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("http://127.0.0.1" + port() + "/fixed/10", "127.0.0.1");
        shown.put("http://localhost" + port() + "/fixed/10", "localhost");
        shown.put("http://0.0.0.0" + port() + "/fixed/10", "0.0.0.0");
        shown.put("http://[::1]" + port() + "/fixed/10", "::1");
        shown.put("http://[::ffff:127.0.0.1]" + port() + "/fixed/10", "127.0.0.1");
        shown.put("http://2130706433" + port() + "/fixed/10", "127.0.0.1");
        shown.put("http://10.0.0.1/", "10.0.0.1");
        shown.put("http://192.168.1.1:8080/admin", "192.168.1.1");
        shown.put("http://172.16.5.4/", "172.16.5.4");
        shown.put("http://100.64.0.1/", "100.64.0.1");
        shown.put("http://169.254.169.254/latest/meta-data/", "169.254.169.254");
        shown.put("http://[fd00::1]/", "fd00::1");
        shown.put("http://[fe80::1]/", "fe80::1");
        shown.put("http://[2002:7f00:1::]/", "2002:7f00:1::");
        shown.put("https://127.0.0.1:15672/", "127.0.0.1");
        shown.forEach((url, destination) -> {
            String expected = "destination " + destination + " is not allowed (DOWNLOADER_ALLOW_NETWORKS)";
            assertEquals(expected, refusal(handler, new Download(url)), url);
            assertEquals(expected, refusal(handler, new CheckExistence(url)), url);
            assertEquals(expected, refusal(handler, new ProgressDownload(url, 2)), url);
        });
        assertEquals(List.of(), dialed, "refused before any connection");
        assertEquals(before, server.requests().size(), "the loopback server saw nothing");
        assertTrue(context.progress.isEmpty());
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsRefusedAndNamesNeverTheAddressInTheReply() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.Resolver resolver = host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
        };
        DownloaderHandler handler = handler(defaults(), resolver, noConnection);
        try (LogCapture log = new LogCapture(Destinations.class)) {
            assertEquals("destination mixed.example is not allowed (DOWNLOADER_ALLOW_NETWORKS)",
                    refusal(handler, new Download("http://user:secret@mixed.example/a.pdf")));
            String line = log.messages().get(0);
            assertTrue(line.contains("resolves to 10.1.2.3") && line.contains("http://***@mixed.example/a.pdf"), line);
            assertTrue(log.messages().stream().noneMatch(message -> message.contains("secret")), log.messages().toString());
        }
        assertEquals(1, lookups.get());
        assertEquals(List.of(), dialed);
    }

    @Test
    void connectsOnlyToTheAddressItCheckedWithOneLookup() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.Resolver rebinding = host -> {
            // A second answer would point inside; the downloader must never ask twice.
            String address = lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1";
            return new InetAddress[] {InetAddress.getByName(address)};
        };
        ConnectionError error = assertThrows(ConnectionError.class,
                () -> handler(defaults(), rebinding, noConnection).handle(new Download("http://rebind.example/"), context));
        assertEquals("cannot connect to rebind.example:80: connection refused for url: http://rebind.example/", error.getMessage());
        assertEquals(1, lookups.get());
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 80)), dialed);
    }

    @Test
    void theAllowListLetsANetworkThrough() throws Exception {
        DownloaderSettings intranet = LoopbackSettings.load(Map.of(DownloaderSettings.ALLOW_NETWORKS, "10.1.2.0/24"));
        DestinationPolicy.Resolver resolver = host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
        assertThrows(ConnectionError.class,
                () -> handler(intranet, resolver, noConnection).handle(new Download("http://intranet.example/"), context));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 80)), dialed);
    }

    @Test
    void refusesARedirectFromAnAllowedServerToARefusedDestination() throws Exception {
        DownloaderSettings ipv4Loopback = LoopbackSettings.load(Map.of(DownloaderSettings.ALLOW_NETWORKS, "127.0.0.0/8"));
        DownloaderHandler handler = handler(ipv4Loopback, InetAddress::getAllByName, recordingDialer);
        for (String target : List.of("http://0.0.0.0" + port() + "/fixed/10", "http://[::1]" + port() + "/fixed/10",
                "http://169.254.169.254/latest/meta-data/")) {
            dialed.clear();
            int before = server.requests().size();
            String url = server.url("/redirect?" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            String destination = target.substring(7, target.indexOf('/', 8)).replaceAll(":\\d+$", "").replaceAll("[\\[\\]]", "");
            assertEquals("destination " + destination + " is not allowed (DOWNLOADER_ALLOW_NETWORKS)",
                    refusal(handler, new Download(url)), target);
            assertEquals(List.of("GET /redirect"), server.requests().subList(before, server.requests().size()));
            assertEquals(1, dialed.size(), "only the allowed server: " + dialed);
            assertTrue(dialed.get(0).getAddress().isLoopbackAddress(), dialed.toString());
        }
    }

    @Test
    void stillFollowsARedirectWithinTheAllowedNetworks() throws Exception {
        DownloaderSettings loopback = LoopbackSettings.load(Map.of());
        String target = server.url("/fixed/100");
        Object reply = handler(loopback, InetAddress::getAllByName, recordingDialer)
                .handle(new Download(server.url("/redirect?" + URLEncoder.encode(target, StandardCharsets.UTF_8))), context);
        assertEquals(100, java.util.Base64.getDecoder().decode(((DownloaderMessages.DownloadedFile) reply).b64Data()).length);
        assertEquals(2, dialed.size());
    }

    @Test
    void anUnknownNameIsAConnectionErrorWithoutAConnection() {
        DestinationPolicy.Resolver none = host -> {
            throw new UnknownHostException(host);
        };
        ConnectionError error = assertThrows(ConnectionError.class,
                () -> handler(defaults(), none, noConnection).handle(new Download("http://nowhere.example/"), context));
        assertEquals("unknown host 'nowhere.example' for url: http://nowhere.example/", error.getMessage());
        assertEquals(List.of(), dialed);
    }
}

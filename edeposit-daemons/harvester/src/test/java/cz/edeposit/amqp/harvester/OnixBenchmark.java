package cz.edeposit.amqp.harvester;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.testing.TestVhost;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints how long a whole {@code edeposit-harvester --harvest} takes for an ONIX file of N products (default 10 000,
 * about 55 MiB with long descriptions) served on loopback: fetched, parsed, the one {@code Publications} message put
 * together and published to the real broker (a vhost of its own) with its confirm, the cache saved. Three rounds in
 * this JVM, each with an empty cache; scripts/bench-harvester runs it with -Xmx128m. The target (issue 21) is under
 * 20 s with that heap.
 */
public final class OnixBenchmark {

    private OnixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("edeposit-onix-bench");
        Path file = dir.resolve("onix.xml");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/onix.xml", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            write(file, products);
            Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: bench, type: onix, url: 'http://127.0.0.1:"
                    + server.getAddress().getPort() + "/onix.xml', publisher: Bench}\n");
            Channel channel = connection.createChannel();
            for (int round = 1; round <= 3; round++) {
                Map<String, String> env = new HashMap<>(vhost.env());
                env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
                env.put("EDEPOSIT_HARVESTER_STATE_DIR", dir.resolve("state" + round).toString());
                env.put("EDEPOSIT_DUP_FILTER_FILE", dir.resolve("cache" + round + ".json").toString());
                env.put("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8");
                env.put("EDEPOSIT_HARVESTER_MIN_DELAY", "0");
                env.put("EDEPOSIT_HARVESTER_MAX_BYTES", Long.toString(100L << 20)); // the file is over the 50 MiB default
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
                long start = System.nanoTime();
                int exit = HarvesterCommand.run(new String[] {"--harvest", "--config-dir", vhost.emptyConfigDir().toString()},
                        env, quiet, System.err);
                long millis = (System.nanoTime() - start) / 1_000_000;
                // Purged, not read: a consumer in this JVM would need the message twice over in its heap.
                int messages = channel.queuePurge("plone").getMessageCount();
                System.out.printf("round %d: exit %d, %.1f MiB of ONIX fetched, parsed and published (%d message in"
                        + " plone, its size in the log line above) in %d ms; heap max %d MiB, peak used %d MiB%n", round,
                        exit, Files.size(file) / 1048576.0, messages, millis, Runtime.getRuntime().maxMemory() >> 20,
                        peakHeap() >> 20);
            }
        } finally {
            server.stop(0);
            try (var files = Files.walk(dir)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The largest heap use seen since the JVM started: the old generation's peak plus the young pools' peaks. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void write(Path file, int products) throws IOException {
        String description = "<p>" + "Dlouhý popis knihy s <b>diakritikou</b> a odstavci. ".repeat(90) + "</p>";
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ONIXMessage release=\"3.0\">\n");
            for (int i = 0; i < products; i++) {
                out.write("<Product><RecordReference>r" + i + "</RecordReference><NotificationType>03</NotificationType>"
                        + "<ProductIdentifier><ProductIDType>03</ProductIDType><IDValue>859" + String.format("%010d", i)
                        + "</IDValue></ProductIdentifier><DescriptiveDetail><ProductForm>BC</ProductForm><TitleDetail>"
                        + "<TitleType>01</TitleType><TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>Kniha č. "
                        + i + "</TitleText></TitleElement></TitleDetail><Contributor><ContributorRole>A01</ContributorRole>"
                        + "<PersonName>Autor " + i + "</PersonName></Contributor><Extent><ExtentType>00</ExtentType>"
                        + "<ExtentValue>320</ExtentValue><ExtentUnit>03</ExtentUnit></Extent></DescriptiveDetail>"
                        + "<CollateralDetail><TextContent><TextType>03</TextType><Text textformat=\"05\">" + description
                        + "</Text></TextContent></CollateralDetail><PublishingDetail><Publisher><PublishingRole>01"
                        + "</PublishingRole><PublisherName>Bench</PublisherName></Publisher></PublishingDetail>"
                        + "<ProductSupply><SupplyDetail><Price><PriceAmount>349.00</PriceAmount><CurrencyCode>CZK"
                        + "</CurrencyCode></Price></SupplyDetail></ProductSupply></Product>\n");
            }
            out.write("</ONIXMessage>\n");
        }
    }
}

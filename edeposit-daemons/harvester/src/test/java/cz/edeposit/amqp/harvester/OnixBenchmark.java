package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publications;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how long parsing an ONIX file of N products (default 10 000, about 50 MiB with long descriptions) and
 * encoding the one {@code Publications} message take, in this JVM (scripts/bench-harvester runs it with -Xmx128m).
 * The target (issue 21) is under 20 s.
 */
public final class OnixBenchmark {

    private OnixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path file = Files.createTempFile("edeposit-onix-bench", ".xml");
        try {
            write(file, products);
            long size = Files.size(file);
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                List<Publication> books = new ArrayList<>();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    OnixParser.parse(in, "Bench", books::add);
                }
                byte[] body = new NtCodec(HarvesterMessages.PUBLISHED).encode(new Publications(books));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("round %d: %d products, %.1f MiB of ONIX parsed and encoded (%.1f MiB JSON) in %d ms,"
                        + " heap max %d MiB%n", round, books.size(), size / 1048576.0, body.length / 1048576.0, millis,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            Files.deleteIfExists(file);
        }
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

package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLStreamException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ONIX for Books 3.0 in both tag sets, deletions and untitled products skipped, no DTD honoured. */
class OnixParserTest {

    static final String REFERENCE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ONIXMessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/reference">
              <Header><Sender><SenderName>Argo</SenderName></Sender></Header>
              <Product>
                <RecordReference>argo-1</RecordReference>
                <NotificationType>03</NotificationType>
                <ProductIdentifier><ProductIDType>03</ProductIDType><IDValue>9788025712346</IDValue></ProductIdentifier>
                <ProductIdentifier><ProductIDType>15</ProductIDType><IDValue>978-80-7185-123-3</IDValue></ProductIdentifier>
                <DescriptiveDetail>
                  <ProductComposition>00</ProductComposition>
                  <ProductForm>BB</ProductForm>
                  <TitleDetail><TitleType>01</TitleType>
                    <TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>Krakatit</TitleText>
                      <Subtitle>Román o výbušnině</Subtitle></TitleElement></TitleDetail>
                  <Contributor><SequenceNumber>1</SequenceNumber><ContributorRole>A01</ContributorRole>
                    <PersonName>Karel Čapek</PersonName><PersonNameInverted>Čapek, Karel</PersonNameInverted></Contributor>
                  <Contributor><ContributorRole>A12</ContributorRole><PersonName>Josef Čapek</PersonName></Contributor>
                  <Contributor><ContributorRole>A01</ContributorRole><PersonNameInverted>Nováková, Jana</PersonNameInverted></Contributor>
                  <EditionNumber>3</EditionNumber>
                  <Language><LanguageRole>01</LanguageRole><LanguageCode>cze</LanguageCode></Language>
                  <Extent><ExtentType>00</ExtentType><ExtentValue>320</ExtentValue><ExtentUnit>03</ExtentUnit></Extent>
                </DescriptiveDetail>
                <CollateralDetail>
                  <TextContent><TextType>02</TextType><ContentAudience>00</ContentAudience><Text>Krátce.</Text></TextContent>
                  <TextContent><TextType>03</TextType><ContentAudience>00</ContentAudience>
                    <Text textformat="05"><p class="x">Výbuch <b onclick="evil()">všeho</b>.</p></Text></TextContent>
                </CollateralDetail>
                <PublishingDetail>
                  <Publisher><PublishingRole>01</PublishingRole><PublisherName>Argo</PublisherName></Publisher>
                  <CityOfPublication>Praha</CityOfPublication>
                  <PublishingDate><PublishingDateRole>01</PublishingDateRole><Date>20240501</Date></PublishingDate>
                </PublishingDetail>
                <ProductSupply><SupplyDetail><Price><PriceType>02</PriceType><PriceAmount>349.00</PriceAmount>
                  <CurrencyCode>CZK</CurrencyCode></Price></SupplyDetail></ProductSupply>
              </Product>
              <Product>
                <RecordReference>argo-2</RecordReference><NotificationType>05</NotificationType>
                <DescriptiveDetail><TitleDetail><TitleType>01</TitleType><TitleElement><TitleElementLevel>01</TitleElementLevel>
                  <TitleText>Staženo</TitleText></TitleElement></TitleDetail></DescriptiveDetail>
              </Product>
              <Product>
                <RecordReference>argo-3</RecordReference><NotificationType>03</NotificationType>
                <DescriptiveDetail><ProductForm>ED</ProductForm></DescriptiveDetail>
              </Product>
            </ONIXMessage>
            """;

    static final String SHORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ONIXmessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/short">
              <product>
                <a001>host-7</a001><a002>03</a002>
                <productidentifier><b221>15</b221><b244>8072031503</b244></productidentifier>
                <descriptivedetail><b012>EA</b012>
                  <titledetail><b202>01</b202><titleelement><x409>01</x409><b203>Bílá nemoc</b203></titleelement></titledetail>
                  <contributor><b035>A01</b035><b037>Čapek, Karel</b037></contributor>
                </descriptivedetail>
              </product>
            </ONIXmessage>
            """;

    private static List<Publication> parse(String xml, int expectedSkipped) throws XMLStreamException {
        List<Publication> books = new ArrayList<>();
        int skipped = OnixParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "Výchozí", books::add);
        assertEquals(expectedSkipped, skipped);
        return books;
    }

    @Test
    void mapsAReferenceTagProductAndSkipsTheDeletionAndTheUntitledOne() throws Exception {
        List<Publication> books = parse(REFERENCE, 2);
        assertEquals(List.of(new Publication("Krakatit", "349.00 CZK", "Argo",
                List.of(new Author("Karel Čapek", null), new Author("Nováková, Jana", null)),
                new Optionals("Román o výbušnině", "BB", "20240501", "Praha", "9788071851233",
                        "<p>Výbuch <b>všeho</b>.</p>", "320", "9788025712346", "cze", "3", null, "hardback", false))),
                books);
    }

    @Test
    void readsShortTagsAndMarksEFormsAsEbooksWithTheSourcesPublisher() throws Exception {
        Publication book = parse(SHORT, 0).get(0);
        assertEquals("Bílá nemoc", book.title());
        assertEquals("Výchozí", book.publisher());
        assertEquals(List.of(new Author("Čapek, Karel", null)), book.authors());
        assertEquals("9788072031504", book.optionals().isbn());
        assertEquals(true, book.optionals().isEbook());
        assertEquals(null, book.optionals().binding());
    }

    @Test
    void neverReadsAFileNamedByAnExternalEntity(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret.txt"), "SECRET-42");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE ONIXMessage [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<ONIXMessage><Product><NotificationType>03</NotificationType><DescriptiveDetail><TitleDetail>"
                + "<TitleElement><TitleText>t &x;</TitleText></TitleElement></TitleDetail></DescriptiveDetail></Product>"
                + "</ONIXMessage>";
        List<Publication> books = new ArrayList<>();
        try {
            OnixParser.parse(new ByteArrayInputStream(hostile.getBytes(StandardCharsets.UTF_8)), "P", books::add);
        } catch (XMLStreamException refused) {
            assertFalse(String.valueOf(refused.getMessage()).contains("SECRET-42"));
        }
        books.forEach(book -> assertFalse(book.title().contains("SECRET-42"), book.title()));
    }

    @Test
    void aMalformedDocumentIsAnXmlStreamException() {
        assertThrows(XMLStreamException.class, () -> parse("<ONIXMessage><Product></ONIXMessage>", 0));
    }
}

package cz.edeposit.amqp.mods;

import static cz.edeposit.amqp.mods.ModsAssert.sameMods;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cz.edeposit.amqp.marc.MarcXml;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarcToModsMonographTest {

    /** 008 of a Czech e-book for adults, a handbook with an index, published 2023 in the Czech Republic. */
    static final String FIXED = "230105" + "s" + "2023" + "    " + "xr " + "a   " + "e" + "o" + "f   " + " " + "0"
            + "0" + "1" + " " + "0" + " " + "cze" + " " + "d";

    static TestRecord ebook() {
        return TestRecord.book()
                .control("001", "tst20230000042").control("003", "CZ-TsT").control("005", "20230105120000.0")
                .control("007", "cr").control("008", FIXED)
                .field("015", "  ", "a", "cnb003456789")
                .field("020", "  ", "a", "978-80-000-0000-1 (PDF) :", "z", "978-80-000-0001-8")
                .field("022", "  ", "a", "1234-5679")
                .field("035", "  ", "a", "(OCoLC)123456", "a", "(XX)not-oclc")
                .field("040", "  ", "a", "TST001", "b", "cze", "e", "rda")
                .field("041", "1 ", "a", "cze", "h", "eng")
                .field("072", " 7", "a", "004", "x", "Počítače", "2", "Konspekt")
                .field("080", "  ", "a", "004.43", "2", "MRF")
                .field("100", "1 ", "a", "Nováková, Jana,", "d", "1970-", "4", "aut")
                .field("245", "14", "a", "The Shell /", "b", "a handbook :", "c", "Jana Nováková ; translated by Petr Malý")
                .field("246", "31", "a", "Příkazový řádek")
                .field("250", "  ", "a", "1. vyd.")
                .field("264", " 1", "a", "Praha :", "b", "Testovací nakladatelství,", "c", "2023")
                .field("264", " 4", "c", "©2022")
                .field("300", "  ", "a", "1 online zdroj (120 stran) :", "b", "ilustrace")
                .field("500", "  ", "a", "Obsahuje rejstřík")
                .field("504", "  ", "a", "Bibliografie")
                .field("520", "  ", "a", "Příručka práce s příkazovým řádkem.")
                .field("650", "07", "a", "příkazové řádky", "2", "czenas")
                .field("651", " 7", "a", "Česko", "2", "czenas")
                .field("655", " 7", "a", "příručky", "2", "czenas")
                .field("700", "1 ", "a", "Malý, Petr", "4", "trl")
                .field("710", "2 ", "a", "Testovací nakladatelství")
                .field("856", "42", "u", "http://example.org/about")
                .field("856", "40", "u", "http://example.org/shell.pdf");
    }

    static final String EXPECTED = """
            <mods xmlns="http://www.loc.gov/mods/v3" version="3.4" ID="MODS_VOLUME_0001">
              <titleInfo><nonSort>The </nonSort><title>Shell</title><subTitle>a handbook</subTitle></titleInfo>
              <titleInfo type="alternative"><title>Příkazový řádek</title></titleInfo>
              <name type="personal" usage="primary">
                <namePart>Nováková, Jana</namePart><namePart type="date">1970-</namePart>
                <role><roleTerm type="code" authority="marcrelator">aut</roleTerm></role>
              </name>
              <name type="personal"><namePart>Malý, Petr</namePart>
                <role><roleTerm type="code" authority="marcrelator">trl</roleTerm></role></name>
              <name type="corporate"><namePart>Testovací nakladatelství</namePart></name>
              <typeOfResource>text</typeOfResource>
              <genre authority="marcgt">handbook</genre>
              <genre authority="czenas">příručky</genre>
              <genre>electronic volume</genre>
              <originInfo>
                <place><placeTerm type="code" authority="marccountry">xr</placeTerm></place>
                <place><placeTerm type="text">Praha</placeTerm></place>
                <publisher>Testovací nakladatelství</publisher>
                <dateIssued>2023</dateIssued>
                <copyrightDate>©2022</copyrightDate>
                <edition>1. vyd.</edition>
                <issuance>single unit</issuance>
              </originInfo>
              <language><languageTerm authority="iso639-2b" type="code">cze</languageTerm></language>
              <language objectPart="translation"><languageTerm authority="iso639-2b" type="code">eng</languageTerm></language>
              <physicalDescription>
                <form authority="marccategory">electronic resource</form>
                <extent>1 online zdroj (120 stran) : ilustrace</extent>
              </physicalDescription>
              <targetAudience authority="marctarget">adult</targetAudience>
              <note type="statement of responsibility">Jana Nováková ; translated by Petr Malý</note>
              <note>Obsahuje rejstřík</note>
              <note type="bibliography">Bibliografie</note>
              <abstract>Příručka práce s příkazovým řádkem.</abstract>
              <subject authority="czenas"><topic>příkazové řádky</topic></subject>
              <subject authority="czenas"><geographic>Česko</geographic></subject>
              <classification authority="udc">004.43</classification>
              <classification authority="Konspekt">004</classification>
              <location><holdingSimple><copyInformation>
                <electronicLocator>http://example.org/shell.pdf</electronicLocator>
              </copyInformation></holdingSimple></location>
              <identifier type="uuid">0a1b2c3d</identifier>
              <identifier type="ccnb">cnb003456789</identifier>
              <identifier type="isbn">978-80-000-0000-1 (PDF)</identifier>
              <identifier type="isbn" invalid="yes">978-80-000-0001-8</identifier>
              <identifier type="issn">1234-5679</identifier>
              <identifier type="oclc">123456</identifier>
              <recordInfo>
                <descriptionStandard>rda</descriptionStandard>
                <recordContentSource authority="marcorg">TST001</recordContentSource>
                <recordCreationDate encoding="marc">230105</recordCreationDate>
                <recordChangeDate encoding="iso8601">20230105120000.0</recordChangeDate>
                <recordIdentifier source="CZ-TsT">tst20230000042</recordIdentifier>
                <recordOrigin>machine generated</recordOrigin>
                <languageOfCataloging><languageTerm authority="iso639-2b" type="code">cze</languageTerm></languageOfCataloging>
              </recordInfo>
            </mods>
            """;

    @Test
    void mapsEveryFieldOfAMonographInMarcXml() {
        List<ModsDocument> documents = MarcToMods.convert(MarcXml.parseAll(ebook().marcXml()), "0a1b2c3d",
                "http://fallback.example/raw");

        assertEquals(1, documents.size());
        sameMods(EXPECTED, documents.get(0).xml());
        assertEquals(List.of(), documents.get(0).warnings());
    }

    @Test
    void readsOaiMarcIntoTheSameDocumentAsMarcXml() {
        ModsDocument fromOai = MarcToMods.convert(MarcXml.parseAll(ebook().oaiMarc()), "0a1b2c3d",
                "http://fallback.example/raw").get(0);

        sameMods(EXPECTED, fromOai.xml());
    }

    @Test
    void titlesLoseTheirIsbdPunctuationButInitialsAndAbbreviationsKeepTheirPeriod() {
        assertEquals("Brno", Marc.chop("Brno :"));
        assertEquals("Computer Press", Marc.chop("Computer Press,"));
        assertEquals("Raymond, Eric S.", Marc.chop("Raymond, Eric S."));
        assertEquals("Umění programování v UNIXu", Marc.chop("Umění programování v UNIXu /"));
        assertEquals("handbooks, manuals, etc.", Marc.chopSeparators("handbooks, manuals, etc. ;"));
    }
}

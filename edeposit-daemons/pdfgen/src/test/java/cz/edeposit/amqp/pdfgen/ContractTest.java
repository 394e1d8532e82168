package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateContract;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GenerateContract from the operator's template: values as literal text, template errors at start-up. */
class ContractTest {

    private static final GenerateContract CONTRACT = new GenerateContract("Nakladatelství *Kůň* s.r.o.",
            "společnost s ručením omezeným", "Ústí nad Labem", "12345678", "CZ12345678", "Řehoř Ťápal ${ic}");

    @TempDir
    Path dir;

    private PdfgenHandler handler(String template) throws Exception {
        Path path = Files.writeString(dir.resolve("smlouva.rst"), template);
        return Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_CONTRACT_TEMPLATE", path.toString()));
    }

    @Test
    void putsTheValuesIntoTheOperatorsTemplateAsLiteralText() throws Exception {
        PdfgenHandler handler = handler(".. footer:: ${ic} – ###Page###/###Total###\n\nSmlouva s ${firma}\n=====\n\n"
                + ":Forma: ${pravni_forma}\n:Sídlo: **${sidlo}**\n:DIČ: ${dic}\n\nZastupuje ${zastoupen}.\n");
        String text = Pdfs.text(Handlers.pdf(handler, CONTRACT));
        assertEquals("Smlouva s Nakladatelství *Kůň* s.r.o.\nForma: společnost s ručením omezeným\nSídlo: Ústí nad Labem\n"
                + "DIČ: CZ12345678\nZastupuje Řehoř Ťápal ${ic}.\n12345678 – 1/1\n", text);
    }

    @Test
    void refusesANullOrBlankFieldNamingIt() throws Exception {
        PdfgenHandler handler = handler("${firma}\n");
        assertEquals("sidlo must not be empty", assertThrows(ValueError.class, () -> Handlers.pdf(handler,
                new GenerateContract("F", "s.r.o.", " ", "1", "2", "Z"))).getMessage());
        assertEquals("dic must not be empty", assertThrows(ValueError.class, () -> Handlers.pdf(handler,
                new GenerateContract("F", "s.r.o.", "Brno", "1", null, "Z"))).getMessage());
    }

    @Test
    void anUnknownPlaceholderOrASyntaxErrorInTheTemplateStopsTheStartNamingTheLine() {
        Path path = dir.resolve("smlouva.rst");
        ConfigException unknown = assertThrows(ConfigException.class, () -> handler("Smlouva\n\n${jmeno}\n"));
        assertEquals("PDFGEN_CONTRACT_TEMPLATE: " + path + ": line 3: unknown placeholder ${jmeno}; the placeholders are"
                + " ${firma}, ${pravni_forma}, ${sidlo}, ${ic}, ${dic}, ${zastoupen}; fix it (docs/pdfgen.md, \"The contract"
                + " template\") or set it to \"\" for the shipped example", unknown.getMessage());
        ConfigException syntax = assertThrows(ConfigException.class, () -> handler("Smlouva\n\n.. image:: logo.png\n"));
        assertTrue(syntax.getMessage().startsWith("PDFGEN_CONTRACT_TEMPLATE: " + path + ": line 3: the directive \"image\""),
                syntax.getMessage());
    }

    @Test
    void theShippedExampleSaysItIsAnExampleAndHoldsEveryValue() throws Exception {
        String text = Pdfs.text(Handlers.pdf(Handlers.handler(dir, Map.of()), CONTRACT));
        assertTrue(text.contains("VZOR – ukázková šablona smlouvy, nikoli právní text\n"), text);
        assertTrue(text.replaceAll("\\R", " ").startsWith("Smlouva o zpřístupnění elektronických publikací Smluvní"
                + " strany Knihovna: "), text);
        for (String value : List.of("Nakladatelství *Kůň* s.r.o.", "Ústí nad Labem", "12345678", "CZ12345678",
                "Řehoř Ťápal ${ic}")) {
            assertTrue(text.contains(value), value + " in " + text);
        }
        assertTrue(text.strip().endsWith("Strana 1 z 1"), text);
    }
}

package cz.edeposit.amqp.mods;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.marc.SafeXml;
import org.junit.jupiter.api.Test;

class ModsSchemaTest {

    @Test
    void compilesFromTheJarAloneWithEveryExternalAccessClosed() {
        // The factory may open no URL at all, so the imports can only have come from the resolver.
        assertNotNull(ModsSchema.schema());
    }

    @Test
    void acceptsAMinimalModsDocument() throws Exception {
        ModsSchema.validate(SafeXml.parse("<mods xmlns='http://www.loc.gov/mods/v3' version='3.4'>"
                + "<titleInfo><title>T</title></titleInfo></mods>"));
    }

    @Test
    void refusesADocumentThatBreaksTheSchemaNamingTheProblem() throws Exception {
        var document = SafeXml.parse("<mods xmlns='http://www.loc.gov/mods/v3' version='3.4'>"
                + "<originInfo><issuance>sometimes</issuance></originInfo></mods>");

        InvalidModsException e = assertThrows(InvalidModsException.class, () -> ModsSchema.validate(document));
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
        // The thread's validator is reused: a failure leaves it fit for the next document.
        ModsSchema.validate(SafeXml.parse("<mods xmlns='http://www.loc.gov/mods/v3' version='3.4'>"
                + "<originInfo><issuance>serial</issuance></originInfo></mods>"));
    }

    @Test
    void checksXmlLangThroughTheImportedXmlSchema() throws Exception {
        var document = SafeXml.parse("<mods xmlns='http://www.loc.gov/mods/v3' version='3.4'>"
                + "<titleInfo><title xml:lang='not a language'>T</title></titleInfo></mods>");

        assertThrows(InvalidModsException.class, () -> ModsSchema.validate(document));
    }
}

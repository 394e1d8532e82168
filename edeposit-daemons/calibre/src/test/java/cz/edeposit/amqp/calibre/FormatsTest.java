package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.PreconditionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatsTest {

    @Test
    void keepsTheOriginalsTwentyFourInputAndSeventeenOutputFormats() {
        assertEquals(24, Formats.INPUT.size());
        assertEquals(17, Formats.OUTPUT.size());
        assertTrue(Formats.INPUT.containsAll(java.util.List.of("txt", "html", "epub", "pdf", "docx", "odt")));
        assertTrue(Formats.OUTPUT.containsAll(java.util.List.of("epub", "pdf", "oeb", "azw3", "txtz")));
    }

    @Test
    void returnsTheListsOwnStringForAnAllowedFormat() {
        String requested = new String("epub".toCharArray());
        assertSame(Formats.INPUT.get(Formats.INPUT.indexOf("epub")), Formats.input(requested));
        assertEquals("pdf", Formats.output("pdf"));
    }

    @Test
    void refusesAnUnknownInputFormatAsAssertionErrorNamingTheAllowedOnes() {
        PreconditionError error = assertThrows(PreconditionError.class, () -> Formats.input("exe"));
        assertEquals("AssertionError", error.wireName());
        assertEquals("Unsupported input format 'exe'; the allowed input formats are: cbz, cbr, cbc, chm, djvu, "
                + "docx, epub, fb2, html, htmlz, lit, lrf, mobi, odt, pdf, prc, pdb, pml, rb, rtf, snb, tcr, txt, txtz",
                error.getMessage());
    }

    @Test
    void refusesAnInputOnlyFormatAsOutputAndPathLikeOrNullFormats() {
        assertTrue(assertThrows(PreconditionError.class, () -> Formats.output("docx")).getMessage()
                .endsWith("the allowed output formats are: azw3, epub, fb2, oeb, lit, lrf, mobi, htmlz, pdb, pml, rb, "
                        + "pdf, rtf, snb, tcr, txt, txtz"));
        assertThrows(PreconditionError.class, () -> Formats.input("../etc/passwd"));
        assertThrows(PreconditionError.class, () -> Formats.output("PDF"));
        assertTrue(assertThrows(PreconditionError.class, () -> Formats.input(null)).getMessage()
                .startsWith("Unsupported input format null;"));
    }
}

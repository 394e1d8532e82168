package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.pdfgen.RstBlock.Fields;
import cz.edeposit.amqp.pdfgen.RstBlock.ListItems;
import cz.edeposit.amqp.pdfgen.RstBlock.Literal;
import cz.edeposit.amqp.pdfgen.RstBlock.Paragraph;
import cz.edeposit.amqp.pdfgen.RstBlock.Section;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reST subset: its blocks, its inline markup, and a ValueError naming the line for anything else. */
class RstParserTest {

    private static List<RstBlock> blocks(String text) {
        return RstParser.parse(text).blocks();
    }

    @Test
    void givesTitleLevelsByTheOrderOfTheirAdornment() {
        List<RstBlock> blocks = blocks("=====\nHlavní\n=====\n\nPrvní\n-----\n\nDruhá\n~~~~~\n\nTřetí\n-----\n");
        assertEquals(List.of(new Section(1, List.of(Run.plain("Hlavní"))), new Section(2, List.of(Run.plain("První"))),
                new Section(3, List.of(Run.plain("Druhá"))), new Section(2, List.of(Run.plain("Třetí")))), blocks);
    }

    @Test
    void refusesATitleThatSkipsALevelNamingItsLine() {
        ValueError error = assertThrows(ValueError.class,
                () -> blocks("Aa\n==\n\nBb\n--\n\nCc\n~~\n\nDd\n==\n\ntext\n\nEe\n~~\n"));
        assertEquals("line 15: the title \"Ee\" has an inconsistent title level (its adornment '~' skips a level)",
                error.getMessage());
    }

    @Test
    void parsesInlineMarkupIntoRunsAndJoinsTheLinesOfAParagraph() {
        assertEquals(List.of(new Paragraph(List.of(Run.plain("Jen "), new Run("tučně", TextStyle.BOLD, null),
                Run.plain(", "), new Run("kurzívou", TextStyle.ITALIC, null), Run.plain(" a "),
                new Run("kód", TextStyle.CODE, null), Run.plain(", "),
                new Run("odkaz", TextStyle.REGULAR, "https://example.org/a"), Run.plain(" 2*3*4 a *x.")))),
                blocks("Jen **tučně**, *kurzívou*\na ``kód``, `odkaz <https://example.org/a>`_ 2*3*4 a \\*x."));
    }

    @Test
    void parsesBulletAndEnumeratedListsFieldListsAndLiteralBlocks() {
        List<RstBlock> blocks = blocks("- jedna\n  dál\n- dvě\n\n1. první\n2. druhá\n\n:Jméno: Jan\n:Město: Brno\n\n"
                + "Příklad::\n\n    a  *b*\n      c\n\npo\n");
        assertEquals(new ListItems(List.of("•", "•"), List.of(List.of(new Paragraph(List.of(Run.plain("jedna dál")))),
                List.of(new Paragraph(List.of(Run.plain("dvě")))))), blocks.get(0));
        assertEquals(List.of("1.", "2."), ((ListItems) blocks.get(1)).markers());
        assertEquals(new Fields(List.of(List.of(Run.plain("Jméno")), List.of(Run.plain("Město"))),
                List.of(List.of(Run.plain("Jan")), List.of(Run.plain("Brno")))), blocks.get(2));
        assertEquals(new Paragraph(List.of(Run.plain("Příklad:"))), blocks.get(3));
        assertEquals(new Literal(List.of("a  *b*", "  c")), blocks.get(4));
        assertEquals(new Paragraph(List.of(Run.plain("po"))), blocks.get(5));
    }

    @Test
    void readsHeaderAndFooterDirectivesAndSkipsComments() {
        RstParser.Document document = RstParser.parse(".. komentář\n   dál\n\n.. header:: Hlava\n\n"
                + ".. footer::\n   Strana ###Page###\n\ntext\n");
        assertEquals("Hlava", document.header());
        assertEquals("Strana ###Page###", document.footer());
        assertEquals(List.of(new Paragraph(List.of(Run.plain("text")))), document.blocks());
    }

    @Test
    void refusesDirectivesThatWouldReadFilesAndUnknownOnesNamingTheLine() {
        assertEquals("line 3: the directive \"include\" is not allowed: a request may not make the daemon read files"
                + " or pass raw output", assertThrows(ValueError.class,
                () -> blocks("text\n\n.. include:: /etc/passwd\n")).getMessage());
        assertEquals("line 1: the directive \"image\" is not allowed: a request may not make the daemon read files"
                + " or pass raw output", assertThrows(ValueError.class, () -> blocks(".. image:: logo.png\n")).getMessage());
        assertEquals("line 2: the directive \"raw\" is not allowed: a request may not make the daemon read files"
                + " or pass raw output", assertThrows(ValueError.class, () -> blocks("\n.. raw:: pdf\n")).getMessage());
        assertEquals("line 1: the directive \"contents\" is not in the supported reST subset (docs/pdfgen.md)",
                assertThrows(ValueError.class, () -> blocks(".. contents::\n")).getMessage());
    }

    @Test
    void refusesRolesAndReferencesWithoutAUrlNamingTheLine() {
        assertEquals("line 3: the role :math: is not in the supported reST subset (docs/pdfgen.md)",
                assertThrows(ValueError.class, () -> blocks("a\n\nvzorec :math:`x^2`\n")).getMessage());
        assertEquals("line 1: the reference `jinam`_ has no URL; write `text <url>`_",
                assertThrows(ValueError.class, () -> blocks("viz `jinam`_\n")).getMessage());
    }

    @Test
    void refusesBlocksNestedDeeperThanTheLimitNamingTheLine() {
        StringBuilder rst = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rst.append(" ".repeat(2 * i)).append("- úroveň ").append(i).append("\n\n");
        }
        ValueError error = assertThrows(ValueError.class, () -> blocks(rst.toString()));
        assertEquals("line 61: lists and indented blocks nest more than 30 deep", error.getMessage());
    }

    @Test
    void keepsUnclosedMarkupAsTextEvenInAVeryLongParagraph() {
        String hostile = "*a `b ``c **d ".repeat(30_000);
        List<RstBlock> blocks = blocks(hostile);
        assertEquals(List.of(new Paragraph(List.of(Run.plain(hostile.strip())))), blocks);
    }
}

package cz.edeposit.amqp.pdfgen;

import java.util.List;

/** The block structures of the reST subset (docs/pdfgen.md, "The reST subset"), with their inline runs parsed. */
sealed interface RstBlock {

    /** A section title; level 1 is the first adornment style met, 2 the second, and so on. */
    record Section(int level, List<Run> title) implements RstBlock {
    }

    record Paragraph(List<Run> text) implements RstBlock {
    }

    /** A bullet list ({@code marker} null) or an enumerated list (each item's number or letter as written). */
    record ListItems(List<String> markers, List<List<RstBlock>> items) implements RstBlock {
    }

    /** A field list: bold names, their bodies beside them. */
    record Fields(List<List<Run>> names, List<List<Run>> bodies) implements RstBlock {
    }

    /** Lines set as they are, in the literal style. */
    record Literal(List<String> lines) implements RstBlock {
    }

    /** A line block: each line kept, inline markup allowed. */
    record Lines(List<List<Run>> lines) implements RstBlock {
    }

    /** An indented block (a block quote). */
    record Quote(List<RstBlock> blocks) implements RstBlock {
    }

    /** A transition (a horizontal rule of four or more punctuation characters). */
    record Transition() implements RstBlock {
    }
}

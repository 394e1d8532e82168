package cz.edeposit.amqp.pdfgen;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Lays out a parsed reST document. Every text goes through {@code fill} after parsing, so that values
 * put into a template ({@link ContractTemplate}) are literal text, never markup.
 */
final class RstRenderer {

    private final PdfComposer composer;
    private final Rows rows;
    private final RstStyle style;
    private final UnaryOperator<String> fill;
    private String firstTitle;

    private RstRenderer(PdfComposer composer, RstStyle style, UnaryOperator<String> fill) {
        this.composer = composer;
        this.rows = new Rows(composer.breaker(), style.page().textWidth());
        this.style = style;
        this.fill = fill;
    }

    /** The document as a PDF; {@code defaultTitle} names it when it has no section title. */
    static byte[] render(RstParser.Document document, RstStyle style, PageDecor decor, UnaryOperator<String> fill,
                         PdfFonts fonts, Limits limits, ZonedDateTime now, String defaultTitle) throws IOException {
        try (PdfComposer composer = new PdfComposer(fonts, style.page(), limits)) {
            RstRenderer renderer = new RstRenderer(composer, style, fill);
            renderer.blocks(document.blocks(), 0);
            PageDecor filled = new PageDecor(decor.header() == null ? null : fill.apply(decor.header()),
                    decor.footer() == null ? null : fill.apply(decor.footer()), decor.logo());
            String title = renderer.firstTitle == null ? defaultTitle : renderer.firstTitle;
            return composer.finish(filled, title, now);
        }
    }

    private float size() {
        return style.page().fontSize();
    }

    private List<Run> fill(List<Run> runs) {
        List<Run> out = new ArrayList<>(runs.size());
        for (Run run : runs) {
            out.add(new Run(fill.apply(run.text()), run.style(), run.link() == null ? null : fill.apply(run.link())));
        }
        return out;
    }

    private void add(List<Row> list) throws IOException {
        for (Row row : list) {
            composer.add(row);
        }
    }

    private void blocks(List<RstBlock> blocks, float indent) throws IOException {
        boolean first = true;
        for (RstBlock block : blocks) {
            block(block, indent, first ? 0 : size() * 0.6f);
            first = false;
        }
    }

    private void block(RstBlock block, float indent, float space) throws IOException {
        float size = size();
        if (block instanceof RstBlock.Section section) {
            List<Run> title = fill(section.title());
            if (firstTitle == null) {
                firstTitle = String.join("", title.stream().map(Run::text).toList());
            }
            List<Run> bold = title.stream().map(r -> new Run(r.text(), r.style() == TextStyle.ITALIC
                    ? TextStyle.BOLD_ITALIC : TextStyle.BOLD, r.link())).toList();
            float heading = style.heading(section.level());
            add(rows.paragraph(bold, heading, indent, null, heading * 0.8f).stream().map(Row::keptWithNext).toList());
        } else if (block instanceof RstBlock.Paragraph paragraph) {
            add(rows.paragraph(fill(paragraph.text()), size, indent, null, space));
        } else if (block instanceof RstBlock.ListItems list) {
            float markerWidth = 0;
            for (String marker : list.markers()) {
                markerWidth = Math.max(markerWidth, composer.breaker().width(marker, TextStyle.REGULAR, size));
            }
            float itemIndent = indent + markerWidth + size;
            for (int i = 0; i < list.items().size(); i++) {
                item(list.markers().get(i), list.items().get(i), itemIndent, i == 0 ? space : size * 0.3f);
            }
        } else if (block instanceof RstBlock.Fields fields) {
            float labelWidth = 0;
            List<List<Run>> names = new ArrayList<>();
            for (List<Run> name : fields.names()) {
                List<Run> bold = new ArrayList<>(fill(name).stream().map(r -> new Run(r.text(), TextStyle.BOLD, r.link()))
                        .toList());
                bold.add(Run.bold(":"));
                names.add(bold);
                labelWidth = Math.max(labelWidth, composer.breaker().width(
                        String.join("", bold.stream().map(Run::text).toList()), TextStyle.BOLD, size));
            }
            labelWidth = Math.min(labelWidth, (style.page().textWidth() - indent) * 0.4f);
            Rows inner = new Rows(composer.breaker(), style.page().textWidth() - indent);
            for (int i = 0; i < names.size(); i++) {
                add(shift(inner.field(names.get(i), fill(fields.bodies().get(i)), size, labelWidth,
                        i == 0 ? space : size * 0.3f), indent));
            }
        } else if (block instanceof RstBlock.Literal literal) {
            add(rows.literal(literal.lines().stream().map(fill).toList(), size * 0.9f, indent + size, space));
        } else if (block instanceof RstBlock.Lines lines) {
            boolean first = true;
            for (List<Run> line : lines.lines()) {
                add(rows.paragraph(fill(line), size, indent, null, first ? space : 0));
                first = false;
            }
        } else if (block instanceof RstBlock.Quote quote) {
            composer.add(Rows.drawing((content, left, bottom, width) -> { }, 0, space));
            blocks(quote.blocks(), indent + 2 * size);
        } else if (block instanceof RstBlock.Transition) {
            composer.add(Rows.drawing((content, left, bottom, width) -> {
                content.setStrokingColor(0.5f, 0.5f, 0.5f);
                content.moveTo(left + width * 0.25f, bottom + size * 0.5f);
                content.lineTo(left + width * 0.75f, bottom + size * 0.5f);
                content.stroke();
            }, size, space));
        }
    }

    private void item(String marker, List<RstBlock> body, float indent, float space) throws IOException {
        if (body.isEmpty() || !(body.get(0) instanceof RstBlock.Paragraph first)) {
            add(rows.paragraph(List.of(), size(), indent, marker, space));
            blocks(body, indent);
            return;
        }
        add(rows.paragraph(fill(first.text()), size(), indent, marker, space));
        for (RstBlock rest : body.subList(1, body.size())) {
            block(rest, indent, size() * 0.4f);
        }
    }

    private static List<Row> shift(List<Row> rows, float dx) {
        if (dx == 0) {
            return rows;
        }
        return rows.stream().map(row -> new Row(row.height(), row.ascent(), row.spaceBefore(), row.pieces().stream()
                .map(p -> new Row.Piece(p.text(), p.style(), p.size(), p.link(), p.x() + dx, p.width())).toList(),
                row.drawing(), row.keepWithNext())).toList();
    }
}

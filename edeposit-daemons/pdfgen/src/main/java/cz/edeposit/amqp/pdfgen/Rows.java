package cz.edeposit.amqp.pdfgen;

import java.util.ArrayList;
import java.util.List;

/** Turns paragraphs, label-value fields, titles and literal lines into rows for a {@link PdfComposer}. */
final class Rows {

    static final float LEADING = 1.35f;

    private final LineBreaker breaker;
    private final float width;

    Rows(LineBreaker breaker, float width) {
        this.breaker = breaker;
        this.width = width;
    }

    /** A wrapped paragraph, indented by {@code indent}, with an optional marker (bullet, number) before it. */
    List<Row> paragraph(List<Run> runs, float size, float indent, String marker, float spaceBefore) {
        List<List<Row.Piece>> lines = breaker.lines(runs, size, width - indent);
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            List<Row.Piece> pieces = shift(lines.get(i), indent);
            if (i == 0 && marker != null) {
                String text = breaker.clean(marker);
                float w = breaker.width(text, TextStyle.REGULAR, size);
                pieces.add(0, new Row.Piece(text, TextStyle.REGULAR, size, null, Math.max(0, indent - w - size * 0.5f), w));
            }
            rows.add(row(pieces, size, i == 0 ? spaceBefore : 0));
        }
        return rows;
    }

    /** A title in bold, kept on the page of what follows it. */
    List<Row> title(String text, float size, float spaceBefore) {
        List<Row> rows = paragraph(List.of(new Run(text, TextStyle.BOLD, null)), size, 0, null, spaceBefore);
        return rows.stream().map(Row::keptWithNext).toList();
    }

    /** A label in bold in a column of {@code labelWidth}, the value wrapped beside it. */
    List<Row> field(List<Run> label, List<Run> value, float size, float labelWidth, float spaceBefore) {
        float gap = size;
        List<List<Row.Piece>> labels = breaker.lines(label, size, labelWidth);
        List<List<Row.Piece>> values = breaker.lines(value, size, width - labelWidth - gap);
        int count = Math.max(labels.size(), values.size());
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Row.Piece> pieces = new ArrayList<>();
            if (i < labels.size()) {
                pieces.addAll(labels.get(i));
            }
            if (i < values.size()) {
                pieces.addAll(shift(values.get(i), labelWidth + gap));
            }
            Row row = row(pieces, size, i == 0 ? spaceBefore : 0);
            rows.add(i < labels.size() - 1 ? row.keptWithNext() : row);
        }
        return rows;
    }

    /** Lines set as they are, in the literal style; a line wider than the page is cut into pieces. */
    List<Row> literal(List<String> lines, float size, float indent, float spaceBefore) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            for (List<Row.Piece> pieces : breaker.lines(List.of(new Run(line, TextStyle.CODE, null)), size, width - indent, true)) {
                rows.add(row(shift(pieces, indent), size, rows.isEmpty() ? spaceBefore : 0));
            }
        }
        return rows;
    }

    /** A vector drawing of the given height. */
    static Row drawing(Row.Drawing drawing, float height, float spaceBefore) {
        return new Row(height, 0, spaceBefore, List.of(), drawing, false);
    }

    private static Row row(List<Row.Piece> pieces, float size, float spaceBefore) {
        return new Row(size * LEADING, size * 1.05f, spaceBefore, pieces, null, false);
    }

    private static List<Row.Piece> shift(List<Row.Piece> pieces, float dx) {
        List<Row.Piece> out = new ArrayList<>(pieces.size());
        for (Row.Piece p : pieces) {
            out.add(new Row.Piece(p.text(), p.style(), p.size(), p.link(), p.x() + dx, p.width()));
        }
        return out;
    }
}

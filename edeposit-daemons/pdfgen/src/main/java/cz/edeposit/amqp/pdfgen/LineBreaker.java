package cz.edeposit.amqp.pdfgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Breaks runs of text into lines of a given width: at spaces, and inside a word only when the word
 * alone is wider than the line (long URLs, ISBN lists). Characters the fonts lack become U+FFFD,
 * control characters other than the line break are dropped; both are remembered for one log line.
 */
final class LineBreaker {

    /** Points a line may exceed its width by: widths of adjoining runs do not add up exactly in floats. */
    private static final float SLACK = 0.01f;

    private final PdfFonts.DocumentFonts fonts;
    private final Set<Integer> missing = new TreeSet<>();

    LineBreaker(PdfFonts.DocumentFonts fonts) {
        this.fonts = fonts;
    }

    /** The characters replaced by U+FFFD so far. */
    Set<Integer> missing() {
        return missing;
    }

    /** Printable text: what the fonts can show, tabs as spaces, other control characters dropped. */
    String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || c == '\r') {
                return;
            } else if (Character.isWhitespace(c) || c == 0xA0) {
                out.append(' ');
            } else if (fonts.has(c)) {
                out.appendCodePoint(c);
            } else {
                missing.add(c);
                out.appendCodePoint(PdfFonts.REPLACEMENT);
            }
        });
        return out.toString();
    }

    float width(String text, TextStyle style, float size) {
        try {
            return fonts.font(style).getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs as lines no wider than {@code width}, each a list of pieces with x from 0. */
    List<List<Row.Piece>> lines(List<Run> runs, float size, float width) {
        return lines(runs, size, width, false);
    }

    /** As {@link #lines(List, float, float)}; with {@code keepSpaces} every space is kept, as literal blocks need. */
    List<List<Row.Piece>> lines(List<Run> runs, float size, float width, boolean keepSpaces) {
        Lines lines = new Lines(size, width, keepSpaces);
        for (Run run : runs) {
            String text = clean(run.text());
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                char c = i < text.length() ? text.charAt(i) : ' ';
                if (c == ' ' || c == '\n') {
                    if (i > start) {
                        lines.word(text.substring(start, i), run);
                    }
                    if (i < text.length()) {
                        if (c == '\n') {
                            lines.breakLine();
                        } else {
                            lines.space(run);
                        }
                    }
                    start = i + 1;
                }
            }
        }
        return lines.finish();
    }

    /** The line being filled and the finished ones. */
    private final class Lines {
        private final float size;
        private final float width;
        private final boolean keepSpaces;
        private final List<List<Row.Piece>> done = new ArrayList<>();
        private List<Row.Piece> line = new ArrayList<>();
        private float x;
        private Run pendingSpace;

        Lines(float size, float width, boolean keepSpaces) {
            this.size = size;
            this.width = width;
            this.keepSpaces = keepSpaces;
        }

        void space(Run run) {
            if (keepSpaces) {
                float w = width(" ", run.style(), size);
                if (x + w > width + SLACK) {
                    breakLine();
                }
                add(" ", run, w);
            } else if (!line.isEmpty()) {
                pendingSpace = run;
            }
        }

        void word(String word, Run run) {
            float w = width(word, run.style(), size);
            float space = pendingSpace == null ? 0 : width(" ", pendingSpace.style(), size);
            if (x + space + w <= width + SLACK) {
                if (pendingSpace != null) {
                    add(" ", pendingSpace, space);
                }
                add(word, run, w);
            } else if (w <= width + SLACK) {
                breakLine();
                add(word, run, w);
            } else {
                if (pendingSpace != null && x + space < width) {
                    add(" ", pendingSpace, space);
                }
                split(word, run);
            }
            pendingSpace = null;
        }

        /** A word wider than the line, in pieces that fill each line; a link stays a link in every piece. */
        private void split(String word, Run run) {
            int start = 0;
            while (start < word.length()) {
                int end = start;
                float w = 0;
                while (end < word.length()) {
                    int next = end + Character.charCount(word.codePointAt(end));
                    // Widths add up (no kerning), so each character is measured once: linear in the word.
                    float candidate = w + width(word.substring(end, next), run.style(), size);
                    if (x + candidate > width && (end > start || !line.isEmpty())) {
                        break;
                    }
                    w = candidate;
                    end = next;
                }
                if (end == start) {
                    breakLine();
                    continue;
                }
                add(word.substring(start, end), run, w);
                start = end;
                if (start < word.length()) {
                    breakLine();
                }
            }
        }

        private void add(String text, Run run, float w) {
            int last = line.size() - 1;
            if (last >= 0 && line.get(last).style() == run.style() && same(line.get(last).link(), run.link())) {
                Row.Piece previous = line.get(last);
                line.set(last, new Row.Piece(previous.text() + text, run.style(), size, run.link(), previous.x(),
                        previous.width() + w));
            } else {
                line.add(new Row.Piece(text, run.style(), size, run.link(), x, w));
            }
            x += w;
        }

        void breakLine() {
            done.add(line);
            line = new ArrayList<>();
            x = 0;
            pendingSpace = null;
        }

        List<List<Row.Piece>> finish() {
            if (!line.isEmpty() || done.isEmpty()) {
                done.add(line);
            }
            return done;
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}

package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.wire.ValueError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our own parser of the reST subset of docs/pdfgen.md: no maintained Java reST library exists.
 * It reads lines, never files: {@code include}, {@code raw}, {@code image} and every other directive
 * but {@code header} and {@code footer} are a {@code ValueError} naming the line.
 */
final class RstParser {

    /** The parsed document: its blocks and the text of its header and footer directives (null when absent). */
    record Document(List<RstBlock> blocks, String header, String footer) {
    }

    private static final Pattern DIRECTIVE = Pattern.compile("\\.\\.\\s+([A-Za-z0-9_.:+-]+?)::(?:\\s+(.*))?");
    private static final Pattern BULLET = Pattern.compile("([-*+•‣⁃])( +)\\S.*|[-*+•‣⁃]");
    private static final Pattern ENUMERATED = Pattern.compile("(\\(?(?:\\d+|#|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)[.)])( +)\\S.*");
    private static final Pattern FIELD = Pattern.compile(":((?:[^:\\\\`]|\\\\.)+):(?: +(.*))?");
    private static final String ADORNMENT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final List<String> lines;
    private final int offset;
    private final RstTitles titles;
    private final int depth;
    private String header;
    private String footer;

    /** How deep lists and quotes may nest: deeper is no document, and would exhaust the stack. */
    static final int MAX_DEPTH = 30;

    private RstParser(List<String> lines, int offset, RstTitles titles, int depth) {
        this.lines = lines;
        this.offset = offset;
        this.titles = titles;
        this.depth = depth;
        if (depth > MAX_DEPTH) {
            throw new ValueError("line " + offset + ": lists and indented blocks nest more than " + MAX_DEPTH + " deep");
        }
    }

    /** Parses a whole document; tabs count as 8 columns, as in reST. */
    static Document parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            lines.add(expandTabs(line).stripTrailing());
        }
        RstParser parser = new RstParser(lines, 1, new RstTitles(), 0);
        List<RstBlock> blocks = parser.blocks();
        return new Document(blocks, parser.header, parser.footer);
    }

    private static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                do {
                    out.append(' ');
                } while (out.length() % 8 != 0);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private List<RstBlock> blocks() {
        List<RstBlock> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                i++;
            } else if (indent(line) > 0) {
                int end = indentedEnd(i, 1);
                blocks.add(new RstBlock.Quote(nested(i, end, indent(line)).blocks()));
                i = end;
            } else if (line.startsWith("..") && (line.length() == 2 || line.charAt(2) == ' ')) {
                i = explicit(i);
            } else if (isAdornment(line) && i + 2 < lines.size() && lines.get(i + 2).equals(line)
                    && !lines.get(i + 1).isBlank()) {
                blocks.add(section(line.charAt(0), true, lines.get(i + 1).strip(), i));
                i += 3;
            } else if (isAdornment(line) && line.length() >= 4 && (i + 1 >= lines.size() || lines.get(i + 1).isEmpty())) {
                blocks.add(new RstBlock.Transition());
                i++;
            } else if (i + 1 < lines.size() && isAdornment(lines.get(i + 1)) && !isAdornment(line)) {
                blocks.add(section(lines.get(i + 1).charAt(0), false, line.strip(), i));
                i += 2;
            } else if (BULLET.matcher(line).matches()) {
                i = list(i, blocks, BULLET);
            } else if (ENUMERATED.matcher(line).matches() && (i + 1 >= lines.size() || lines.get(i + 1).isEmpty()
                    || indent(lines.get(i + 1)) > 0 || ENUMERATED.matcher(lines.get(i + 1)).matches())) {
                i = list(i, blocks, ENUMERATED);
            } else if (FIELD.matcher(line).matches()) {
                i = fields(i, blocks);
            } else if (line.startsWith("| ") || line.equals("|")) {
                i = lineBlock(i, blocks);
            } else {
                i = paragraph(i, blocks);
            }
        }
        return blocks;
    }

    private int lineNumber(int i) {
        return offset + i;
    }

    private ValueError error(int i, String problem) {
        return new ValueError("line " + lineNumber(i) + ": " + problem);
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static boolean isAdornment(String line) {
        if (line.length() < 2 || ADORNMENT.indexOf(line.charAt(0)) < 0) {
            return false;
        }
        return line.chars().allMatch(c -> c == line.charAt(0));
    }

    /** The first line after {@code start} that is not blank and indented less than {@code minIndent}. */
    private int indentedEnd(int start, int minIndent) {
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isEmpty() || indent(lines.get(end)) >= minIndent)) {
            end++;
        }
        while (end > start + 1 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return end;
    }

    /** Parses lines {@code from} to {@code to}, less {@code by} columns of indentation, as a document of their own. */
    private Document nested(int from, int to, int by) {
        List<String> inner = new ArrayList<>();
        for (String line : lines.subList(from, to)) {
            inner.add(line.length() >= by ? line.substring(Math.min(by, indent(line))) : "");
        }
        RstParser parser = new RstParser(inner, lineNumber(from), titles, depth + 1);
        List<RstBlock> blocks = parser.blocks();
        if (parser.header != null || parser.footer != null) {
            throw error(from, "header and footer directives must not be indented");
        }
        return new Document(blocks, null, null);
    }

    private RstBlock section(char adornment, boolean overline, String title, int i) {
        int level = titles.level(adornment, overline);
        if (level < 0) {
            throw error(i, "the title \"" + title + "\" has an inconsistent title level (its adornment '" + adornment
                    + "' skips a level)");
        }
        return new RstBlock.Section(level, RstInline.parse(title, lineNumber(i)));
    }

    private int explicit(int i) {
        String line = lines.get(i);
        int end = indentedEnd(i, 1);
        Matcher directive = DIRECTIVE.matcher(line);
        if (directive.matches()) {
            String name = directive.group(1);
            StringBuilder content = new StringBuilder(directive.group(2) == null ? "" : directive.group(2).strip());
            for (String more : lines.subList(i + 1, end)) {
                if (!more.isBlank()) {
                    content.append(content.isEmpty() ? "" : " ").append(more.strip());
                }
            }
            switch (name) {
                case "header" -> header = content.toString();
                case "footer" -> footer = content.toString();
                case "include", "raw", "image", "figure", "csv-table" -> throw error(i, "the directive \"" + name
                        + "\" is not allowed: a request may not make the daemon read files or pass raw output");
                default -> throw error(i, "the directive \"" + name + "\" is not in the supported reST subset"
                        + " (docs/pdfgen.md)");
            }
            return end;
        }
        String rest = line.substring(2).strip();
        if (rest.startsWith("_") || rest.startsWith("[") || rest.startsWith("|")) {
            throw error(i, "hyperlink targets, footnotes, citations and substitutions are not in the supported reST"
                    + " subset; write links as `text <url>`_");
        }
        return end; // a comment
    }

    private int list(int i, List<RstBlock> blocks, Pattern pattern) {
        List<String> markers = new ArrayList<>();
        List<List<RstBlock>> items = new ArrayList<>();
        while (i < lines.size()) {
            Matcher item = pattern.matcher(lines.get(i));
            if (!item.matches()) {
                break;
            }
            String marker = item.group(1) == null ? lines.get(i).substring(0, 1) : item.group(1);
            int width = item.group(1) == null ? 2 : marker.length() + item.group(2).length();
            int end = indentedEnd(i, width);
            List<String> body = new ArrayList<>();
            body.add(lines.get(i).length() > width ? lines.get(i).substring(width) : "");
            for (String line : lines.subList(i + 1, end)) {
                body.add(line.length() >= width ? line.substring(width) : "");
            }
            markers.add(pattern == BULLET ? "•" : marker);
            items.add(new RstParser(body, lineNumber(i), titles, depth + 1).blocks());
            i = end;
            while (i < lines.size() && lines.get(i).isEmpty()) {
                i++;
            }
        }
        blocks.add(new RstBlock.ListItems(markers, items));
        return i;
    }

    private int fields(int i, List<RstBlock> blocks) {
        List<List<Run>> names = new ArrayList<>();
        List<List<Run>> bodies = new ArrayList<>();
        while (i < lines.size()) {
            Matcher field = FIELD.matcher(lines.get(i));
            if (!field.matches()) {
                break;
            }
            int end = indentedEnd(i, 1);
            StringBuilder body = new StringBuilder(field.group(2) == null ? "" : field.group(2).strip());
            for (String more : lines.subList(i + 1, end)) {
                if (!more.isBlank()) {
                    body.append(body.isEmpty() ? "" : " ").append(more.strip());
                }
            }
            names.add(RstInline.parse(field.group(1), lineNumber(i)));
            bodies.add(RstInline.parse(body.toString(), lineNumber(i)));
            i = end;
            while (i < lines.size() && lines.get(i).isEmpty()) {
                i++;
            }
        }
        blocks.add(new RstBlock.Fields(names, bodies));
        return i;
    }

    private int lineBlock(int i, List<RstBlock> blocks) {
        List<List<Run>> out = new ArrayList<>();
        while (i < lines.size() && (lines.get(i).startsWith("| ") || lines.get(i).equals("|"))) {
            out.add(RstInline.parse(lines.get(i).length() > 2 ? lines.get(i).substring(2) : "", lineNumber(i)));
            i++;
        }
        blocks.add(new RstBlock.Lines(out));
        return i;
    }

    private int paragraph(int i, List<RstBlock> blocks) {
        int start = i;
        StringBuilder text = new StringBuilder();
        while (i < lines.size() && !lines.get(i).isEmpty() && indent(lines.get(i)) == 0) {
            text.append(text.isEmpty() ? "" : " ").append(lines.get(i));
            i++;
        }
        String paragraph = text.toString();
        boolean literalFollows = paragraph.endsWith("::");
        if (literalFollows) {
            paragraph = paragraph.equals("::") ? "" : paragraph.endsWith(" ::")
                    ? paragraph.substring(0, paragraph.length() - 3) : paragraph.substring(0, paragraph.length() - 1);
        }
        if (!paragraph.isBlank()) {
            blocks.add(new RstBlock.Paragraph(RstInline.parse(paragraph, lineNumber(start))));
        }
        if (literalFollows) {
            int first = i;
            while (first < lines.size() && lines.get(first).isEmpty()) {
                first++;
            }
            if (first < lines.size() && indent(lines.get(first)) > 0) {
                int by = indent(lines.get(first));
                int end = indentedEnd(first, 1);
                List<String> literal = new ArrayList<>();
                for (String line : lines.subList(first, end)) {
                    literal.add(line.length() >= by ? line.substring(Math.min(by, indent(line))) : "");
                }
                blocks.add(new RstBlock.Literal(literal));
                return end;
            }
        }
        return i;
    }
}

package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.wire.ValueError;

import java.util.ArrayList;
import java.util.List;

/**
 * The inline markup of the reST subset: {@code **strong**}, {@code *emphasis*}, {@code ``literal``},
 * {@code `text <url>`_} links, {@code `interpreted`} as emphasis and backslash escapes. A role
 * ({@code :name:`x`}) or a reference without its URL is a {@code ValueError} naming the line.
 */
final class RstInline {

    private static final String OPENERS = " \t\n'\"([{<-/:‘“’«¡¿‐‑‒–—";
    private static final String CLOSERS = " \t\n'\")]}>-/:.,;!?\\‘“’»‐‑‒–—";

    private final String text;
    private final int line;
    private final List<Run> runs = new ArrayList<>();
    private final StringBuilder plain = new StringBuilder();
    private final java.util.Map<String, Integer> noCloserAfter = new java.util.HashMap<>();

    private RstInline(String text, int line) {
        this.text = text;
        this.line = line;
    }

    /** The runs of {@code text}, whose first line is line {@code line} of the document. */
    static List<Run> parse(String text, int line) {
        RstInline inline = new RstInline(text, line);
        inline.parse();
        return inline.runs;
    }

    private void parse() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next != ' ' && next != '\n') {
                    plain.append(next);
                }
                i += 2;
                continue;
            }
            int next = -1;
            if (startAllowed(i)) {
                if (text.startsWith("**", i)) {
                    next = span(i, "**", TextStyle.BOLD);
                } else if (text.startsWith("``", i)) {
                    next = span(i, "``", TextStyle.CODE);
                } else if (c == '*') {
                    next = span(i, "*", TextStyle.ITALIC);
                } else if (c == '`') {
                    next = interpreted(i);
                } else if (c == ':') {
                    role(i);
                }
            }
            if (next < 0) {
                plain.append(c);
                i++;
            } else {
                i = next;
            }
        }
        flush();
    }

    private boolean startAllowed(int i) {
        boolean before = i == 0 || OPENERS.indexOf(text.charAt(i - 1)) >= 0;
        return before;
    }

    /** The end of a span opened at {@code i} by {@code mark}, or -1 when it is not one. */
    private int end(int from, String mark) {
        if (from >= text.length() || Character.isWhitespace(text.charAt(from))) {
            return -1;
        }
        // Whether a closer is valid does not depend on where the span opened: once none is found
        // after a position, none is after any later one. Remembering that keeps hostile text linear.
        if (from >= noCloserAfter.getOrDefault(mark, Integer.MAX_VALUE)) {
            return -1;
        }
        int found = findEnd(from, mark);
        if (found < 0) {
            noCloserAfter.put(mark, from);
        }
        return found;
    }

    private int findEnd(int from, String mark) {
        int at = text.indexOf(mark, from + 1);
        while (at >= 0) {
            boolean before = !Character.isWhitespace(text.charAt(at - 1)) && text.charAt(at - 1) != '\\';
            int after = at + mark.length();
            boolean following = after >= text.length() || CLOSERS.indexOf(text.charAt(after)) >= 0
                    || mark.equals("`") && text.charAt(after) == '_';
            if (before && following) {
                return at;
            }
            at = text.indexOf(mark, at + 1);
        }
        return -1;
    }

    private int span(int i, String mark, TextStyle style) {
        int end = end(i + mark.length(), mark);
        if (end < 0) {
            return -1;
        }
        flush();
        runs.add(new Run(text.substring(i + mark.length(), end).replace('\n', ' '), style, null));
        return end + mark.length();
    }

    private int interpreted(int i) {
        int end = end(i + 1, "`");
        if (end < 0) {
            return -1;
        }
        String inside = text.substring(i + 1, end).replace('\n', ' ');
        int after = end + 1;
        if (after < text.length() && text.charAt(after) == '_') {
            after += text.startsWith("__", after) ? 2 : 1;
            int open = inside.lastIndexOf('<');
            if (open < 0 || !inside.endsWith(">")) {
                throw new ValueError("line " + line + ": the reference `" + inside + "`_ has no URL; write `text <url>`_");
            }
            String url = inside.substring(open + 1, inside.length() - 1).replace(" ", "");
            String label = inside.substring(0, open).strip();
            flush();
            runs.add(new Run(label.isEmpty() ? url : label, TextStyle.REGULAR, url));
            return after;
        }
        flush();
        runs.add(new Run(inside, TextStyle.ITALIC, null));
        return after;
    }

    private void role(int i) {
        int close = text.indexOf(':', i + 1);
        if (close > i + 1 && close + 1 < text.length() && text.charAt(close + 1) == '`'
                && text.substring(i + 1, close).matches("[A-Za-z0-9_.+-]+")) {
            throw new ValueError("line " + line + ": the role :" + text.substring(i + 1, close)
                    + ": is not in the supported reST subset (docs/pdfgen.md)");
        }
    }

    private void flush() {
        if (!plain.isEmpty()) {
            runs.add(Run.plain(plain.toString()));
            plain.setLength(0);
        }
    }
}

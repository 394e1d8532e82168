package cz.edeposit.amqp.pdfgen;

import java.util.ArrayList;
import java.util.List;

/** The title adornment styles of a reST document in the order met, shared by the parsers of nested blocks. */
final class RstTitles {

    private final List<String> styles = new ArrayList<>();
    private int current;

    /** The level of a title with this adornment, or -1 when it would skip a level. */
    int level(char adornment, boolean overline) {
        String style = (overline ? "over" : "under") + adornment;
        int known = styles.indexOf(style);
        int level = known >= 0 ? known + 1 : styles.size() + 1;
        if (level > current + 1) {
            return -1;
        }
        if (known < 0) {
            styles.add(style);
        }
        current = level;
        return level;
    }
}

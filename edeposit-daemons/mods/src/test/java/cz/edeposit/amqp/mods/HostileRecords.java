package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.DataField;
import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.marc.Subfield;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random MARC records for the tests, aimed at the mapping: the tags it reads, the subfields that become
 * attributes ({@code $2}, {@code $4}) and hostile values in all of them (markup, the controls XML 1.0
 * allows, astral characters, blanks, very long values, ISBD punctuation), coded positions right and wrong.
 */
final class HostileRecords {

    private static final String[] TAGS = {"015", "020", "022", "035", "040", "041", "072", "080", "100", "110", "111",
            "245", "246", "250", "260", "264", "300", "490", "500", "502", "504", "505", "508", "520", "546", "600",
            "610", "611", "630", "648", "650", "651", "655", "700", "710", "711", "765", "767", "775", "776", "830",
            "856", "IST", "5A0", "999", ""};
    private static final String CODES = "abcdefghnpqtuvxyz0123456789";

    private HostileRecords() {
    }

    static MarcRecord record(Random random) {
        Map<String, String> control = new LinkedHashMap<>();
        for (String tag : List.of("001", "003", "005", "007", "008")) {
            if (random.nextInt(4) > 0) {
                control.put(tag, random.nextBoolean() ? fixed(random, 40) : value(random));
            }
        }
        List<DataField> fields = new ArrayList<>();
        for (int f = random.nextInt(40); f > 0; f--) {
            List<Subfield> subfields = new ArrayList<>();
            for (int s = random.nextInt(7); s > 0; s--) {
                String code = random.nextInt(12) == 0 ? value(random)
                        : String.valueOf(CODES.charAt(random.nextInt(CODES.length())));
                subfields.add(new Subfield(code, value(random)));
            }
            fields.add(new DataField(TAGS[random.nextInt(TAGS.length)], indicator(random), indicator(random),
                    subfields));
        }
        String leader = random.nextInt(5) == 0 ? null : random.nextBoolean() ? fixed(random, 24) : value(random);
        return new MarcRecord(leader, control, fields, random.nextBoolean());
    }

    /** Empty, blank, punctuated, markup, XML-legal controls, astral, language-code-like, very long, or anything. */
    static String value(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> "";
            case 1 -> " \t\n\r ".substring(random.nextInt(5));
            case 2 -> "Brno : " + chars(random, 5) + " /";
            case 3 -> "<a href=\"x\">&amp;</a> ]]> &#0; '\"";
            case 4 -> "\t\n\r\u0085\u0080\u009f\u007f\u2028\uFEFF\uFFFD" + chars(random, 3);
            case 5 -> "\uD83D\uDCDA\uD834\uDD1E\uDBFF\uDFFD" + chars(random, 3);
            case 6 -> chars(random, 2000 + random.nextInt(3000));
            case 7 -> List.of("cze", "CZE", "czeeng", "ččč", "c1e", "xx", "1", "aut", "lcsh", "isbd", "marc",
                    "2016-01-01", "20160101123000.0", "ID", "yes", "code").get(random.nextInt(16));
            case 8 -> fixed(random, 1 + random.nextInt(40));
            default -> chars(random, 1 + random.nextInt(40));
        };
    }

    private static String indicator(Random random) {
        return random.nextInt(8) == 0 ? value(random) : String.valueOf(" 0123456789#|".charAt(random.nextInt(13)));
    }

    private static String fixed(Random random, int length) {
        String codes = "abcdefgijkmnopqrstuvwz0123456789 |-#";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(codes.charAt(random.nextInt(codes.length())));
        }
        return out.toString();
    }

    /** Random characters XML 1.0 can carry, from every plane. */
    static String chars(Random random, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int c = switch (random.nextInt(5)) {
                case 0 -> 0x20 + random.nextInt(0x60);
                case 1 -> 0x80 + random.nextInt(0xD800 - 0x80);
                case 2 -> 0xE000 + random.nextInt(0xFFFE - 0xE000);
                case 3 -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                default -> "\t\n\r<>&\"' .,:;/=+".charAt(random.nextInt(16));
            };
            if (SafeXml.firstNonXmlCharacter(new String(Character.toChars(c))) < 0) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }
}

package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random MARC records with hostile values (any XML character, astral ones, markup, blanks, long runs) for tests. */
public final class RandomRecords {

    private static final String[] TAGS = {"001", "003", "005", "008", "015", "020", "022", "035", "040", "041", "072",
            "080", "100", "110", "111", "245", "246", "250", "260", "264", "300", "490", "500", "502", "505", "520",
            "546", "600", "610", "611", "630", "648", "650", "651", "655", "700", "710", "711", "765", "767", "775",
            "776", "830", "856", "IST", "BAS", "999", "5A0", ""};

    private RandomRecords() {
    }

    /** A record of random fields, subfields and values; control fields 008 and the leader sometimes well-formed. */
    public static MarcRecord record(Random random) {
        Map<String, String> control = new LinkedHashMap<>();
        for (String tag : List.of("001", "003", "005", "007", "008")) {
            if (random.nextInt(4) > 0) {
                control.put(tag, random.nextBoolean() && tag.equals("008") ? fixed(random, 40) : value(random));
            }
        }
        List<DataField> fields = new ArrayList<>();
        for (int f = random.nextInt(30); f > 0; f--) {
            List<Subfield> subfields = new ArrayList<>();
            for (int s = random.nextInt(6); s > 0; s--) {
                subfields.add(new Subfield(code(random), value(random)));
            }
            fields.add(new DataField(TAGS[random.nextInt(TAGS.length)], indicator(random), indicator(random),
                    subfields));
        }
        String leader = random.nextInt(4) == 0 ? null : random.nextBoolean() ? fixed(random, 24) : value(random);
        return new MarcRecord(leader, control, fields, false);
    }

    /** A random value: empty, blank, ISBD-punctuated, markup, controls XML allows, astral, long, any BMP character. */
    public static String value(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> " \t\n\r ".substring(random.nextInt(5));
            case 2 -> "Brno : " + chars(random, 5) + " /";
            case 3 -> "<a href=\"x\">&amp;</a> ]]> &#0; '\"";
            case 4 -> "\t\n\r\u0085\u2028\uFEFF\uFFFD" + chars(random, 3);
            case 5 -> "\uD83D\uDCDA\uD834\uDD1E\uDBFF\uDFFD" + chars(random, 3);
            case 6 -> chars(random, 2000 + random.nextInt(3000));
            case 7 -> fixed(random, 1 + random.nextInt(40));
            default -> chars(random, 1 + random.nextInt(40));
        };
    }

    private static String code(Random random) {
        return random.nextInt(10) == 0 ? value(random) : String.valueOf("abcdehnpqtuvxyz0123456789".charAt(
                random.nextInt(25)));
    }

    private static String indicator(Random random) {
        return random.nextInt(8) == 0 ? value(random) : String.valueOf(" 0123456789#|".charAt(random.nextInt(13)));
    }

    /** A fixed-position code string such as a leader or an 008. */
    private static String fixed(Random random, int length) {
        StringBuilder out = new StringBuilder();
        String codes = "abcdefgijkmnopqrstuvwz0123456789 |-#";
        for (int i = 0; i < length; i++) {
            out.append(codes.charAt(random.nextInt(codes.length())));
        }
        return out.toString();
    }

    /** Random characters XML 1.0 can carry, from every plane. */
    private static String chars(Random random, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int c = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0xD7FF - 0xA0);
                case 2 -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
                default -> "\t\n\r<>&\"' .,:;/=+".charAt(random.nextInt(16));
            };
            if (SafeXml.firstNonXmlCharacter(new String(Character.toChars(c))) < 0) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }
}

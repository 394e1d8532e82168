package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The high-level getters of the original {@code marcxml_parser} ({@code MARCXMLQuery}) over a
 * {@link MarcRecord}: title, publisher, ISBNs, authors, URLs and publication type.
 *
 * <p>Single-valued getters return {@code ""} when the record lacks the value. Field choices follow
 * the original, including its Czech National Library conventions: edition in {@code 901f},
 * fallback ISBNs in {@code 901i}, internal links in {@code 998a} and Aleph's {@code URLu}.
 */
public final class MarcQuery {

    private static final String SUMMARY_RECORD_FORMAT = "SE";
    private static final String AUTHOR_ROLE = "aut";

    private final MarcRecord record;

    public MarcQuery(MarcRecord record) {
        this.record = Objects.requireNonNull(record, "record");
    }

    public MarcRecord record() {
        return record;
    }

    /** Title proper, {@code 245a}. */
    public String name() {
        return joined("245", "a");
    }

    /** Remainder of the title (subtitle), {@code 245b}. */
    public String subname() {
        return joined("245", "b");
    }

    /** Price with currency, {@code 020c}, e.g. {@code Kč 349,00}. */
    public String price() {
        return joined("020", "c");
    }

    /** Part of the title, {@code 245p} (the original's "part"). */
    public String part() {
        return joined("245", "p");
    }

    /** Part number, {@code 245n} (the original's "part name"). */
    public String partName() {
        return joined("245", "n");
    }

    /** Edition statement as the Czech National Library records it, {@code 901f}. */
    public String pubOrder() {
        return joined("901", "f");
    }

    /** Dimensions, {@code 300c}, e.g. {@code 21 cm}. */
    public String format() {
        return joined("300", "c");
    }

    /** Places of publication from {@code 260a} (blank indicators) and {@code 264a}, distinct, joined by {@code ", "}. */
    public String pubPlace() {
        return distinctJoined("a", Hairs::remove);
    }

    /** Publishers from {@code 260b} (blank indicators) and {@code 264b}, distinct, joined by {@code ", "}. */
    public String publisher() {
        return distinctJoined("b", Hairs::remove);
    }

    /**
     * Publication dates from {@code 260c} (blank indicators) and {@code 264c}, distinct, joined by
     * {@code ", "}; only digits, spaces and a dash right after a digit are kept, so {@code [2015]-}
     * gives {@code 2015} while the open range {@code 2015-} stays.
     */
    public String pubDate() {
        return distinctJoined("c", MarcQuery::cleanDate);
    }

    /** ISBNs from {@code 020a} that are not listed as invalid; if there are none, those of {@code 901i}. */
    public List<String> isbns() {
        List<String> invalid = invalidIsbns();
        List<String> valid = new ArrayList<>();
        for (String isbn : record.subfields("020", "a")) {
            String clean = cleanIdentifier(isbn);
            if (!invalid.contains(clean)) {
                valid.add(clean);
            }
        }
        if (!valid.isEmpty()) {
            return valid;
        }
        return cleanIdentifiers(record.subfields("901", "i"));
    }

    /** Cancelled or invalid ISBNs, {@code 020z}. */
    public List<String> invalidIsbns() {
        return cleanIdentifiers(record.subfields("020", "z"));
    }

    /** ISSNs from {@code 022a} that are not listed as invalid. */
    public List<String> issns() {
        List<String> invalid = invalidIssns();
        List<String> valid = new ArrayList<>();
        for (String issn : record.subfields("022", "a")) {
            String clean = cleanIdentifier(issn);
            if (!invalid.contains(clean)) {
                valid.add(clean);
            }
        }
        return valid;
    }

    /** Cancelled or invalid ISSNs, {@code 022z}. */
    public List<String> invalidIssns() {
        return cleanIdentifiers(record.subfields("022", "z"));
    }

    /** Linking ISSNs (ISSN-L), {@code 022l}. */
    public List<String> linkingIssns() {
        return cleanIdentifiers(record.subfields("022", "l"));
    }

    /**
     * Bindings written after the ISBN in {@code 020a}, e.g. {@code brož.} from
     * {@code 80-251-0225-4 (brož.) :}; only values holding both a dash and a space count.
     */
    public List<String> bindings() {
        List<String> out = new ArrayList<>();
        for (String value : record.subfields("020", "a")) {
            if (value.contains("-") && value.contains(" ")) {
                String[] split = value.strip().split(" ", 2);
                String binding = Hairs.remove(split[split.length - 1]);
                String[] parts = binding.split(":", -1);
                out.add(parts[parts.length - 1].strip());
            }
        }
        return out;
    }

    /** Titles of the originals of a translation, {@code 765t}. */
    public List<String> originals() {
        return record.subfields("765", "t");
    }

    /** Links given by the publisher, {@code 856u} with indicators 4 and 2. */
    public List<String> urls() {
        return unescaped(record.subfields("856", "u", "4", "2"));
    }

    /** Links into the library's own systems: {@code 856u} with indicators 4 and 0, then {@code 998a}, then {@code URLu}. */
    public List<String> internalUrls() {
        List<String> urls = new ArrayList<>(record.subfields("856", "u", "4", "0"));
        urls.addAll(record.subfields("998", "a"));
        urls.addAll(record.subfields("URL", "u"));
        return unescaped(urls);
    }

    /**
     * Authors from {@code 100a}, {@code 600a}, {@code 700a} and {@code 800a}, split by their
     * indicators; a field with {@code $4} relator codes counts only with {@code aut}.
     */
    public List<Person> authors() {
        List<Person> out = new ArrayList<>();
        for (String tag : List.of("100", "600", "700", "800")) {
            for (DataField field : record.dataFields(tag)) {
                if (hasRole(field, AUTHOR_ROLE)) {
                    out.addAll(PersonNames.parse(field));
                }
            }
        }
        return out;
    }

    /**
     * The kind of resource: continuing when Aleph's {@code FMT} is {@code SE} or the leader's
     * bibliographic level (position 7) is {@code b}, {@code i} or {@code s}; a multipart monograph
     * when the level is {@code m} and the title has a part ({@code 245n}/{@code 245p}) or leader
     * position 19 is {@code a}; otherwise monographic.
     */
    public PublicationType publicationType() {
        if (SUMMARY_RECORD_FORMAT.equals(record.controlField("FMT"))) {
            return PublicationType.CONTINUING;
        }
        String leader = record.leader();
        char level = leader != null && leader.length() > 7 ? leader.charAt(7) : ' ';
        if ("bis".indexOf(level) >= 0) {
            return PublicationType.CONTINUING;
        }
        boolean partOfSet = !record.subfields("245", "n").isEmpty() || !record.subfields("245", "p").isEmpty()
                || leader != null && leader.length() > 19 && leader.charAt(19) == 'a';
        return level == 'm' && partOfSet ? PublicationType.MULTIPART_MONOGRAPH : PublicationType.MONOGRAPHIC;
    }

    public boolean isContinuing() {
        return publicationType() == PublicationType.CONTINUING;
    }

    // A field without $4 counts for every role; with $4, one of its values must be the role.
    private static boolean hasRole(DataField field, String role) {
        return !field.has("4") || field.values("4").contains(role);
    }

    private String joined(String tag, String code) {
        return Hairs.remove(String.join("", record.subfields(tag, code)));
    }

    private String distinctJoined(String code, UnaryOperator<String> clean) {
        List<String> values = new ArrayList<>(record.subfields("260", code, " ", " "));
        values.addAll(record.subfields("264", code));
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            String cleaned = clean.apply(value).strip();
            if (!cleaned.isEmpty()) {
                distinct.add(cleaned);
            }
        }
        return String.join(", ", distinct);
    }

    static String cleanDate(String date) {
        StringBuilder out = new StringBuilder();
        boolean wasDigit = false;
        for (int i = 0; i < date.length(); i++) {
            char c = date.charAt(i);
            boolean digit = Character.isDigit(c);
            if (digit || c == ' ' || (c == '-' && wasDigit)) {
                out.append(c);
            }
            wasDigit = digit;
        }
        return out.toString();
    }

    // An identifier subfield may carry more after a space: "80-251-0225-4 (brož.) :".
    private static String cleanIdentifier(String value) {
        return value.strip().split(" ", 2)[0];
    }

    private static List<String> cleanIdentifiers(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String value : values) {
            out.add(cleanIdentifier(value));
        }
        return out;
    }

    // Some catalogues double-escape ampersands in links.
    private static List<String> unescaped(List<String> urls) {
        List<String> out = new ArrayList<>(urls.size());
        for (String url : urls) {
            out.add(url.replace("&amp;", "&"));
        }
        return out;
    }
}

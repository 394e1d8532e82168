package cz.edeposit.amqp.aleph;

import java.util.List;
import java.util.Locale;

/** The 23 X-Services search field codes a {@code GenericQuery} may name. */
final class SearchFields {

    /**
     * {@code wrd} all fields, {@code wtl} title, {@code wau} author, {@code wkw} subject,
     * {@code txt} table of contents, {@code wpb} publisher, {@code wpp} place, {@code wyr} year,
     * {@code ssn} ISSN, {@code sbn} ISBN/ISMN, {@code isn} ISBN/ISMN/ISSN, {@code ob} cast,
     * {@code wpf} periodicity, {@code wpv} country, {@code wln} language, {@code wlo} original
     * language, {@code wtp} document type, {@code sg} shelf mark, {@code bar} barcode, {@code cnb}
     * national bibliography number, {@code icz} identification number, {@code sys} system number,
     * {@code wpk}.
     */
    static final List<String> CODES = List.of("wrd", "wtl", "wau", "wkw", "txt", "wpb", "wpp", "wyr", "ssn",
            "sbn", "isn", "ob", "wpf", "wpv", "wln", "wlo", "wtp", "sg", "bar", "cnb", "icz", "sys", "wpk");

    private SearchFields() {
    }

    /**
     * Returns {@code field} if it is one of the codes (in any case, as the original accepted).
     *
     * @throws InvalidAlephFieldException otherwise
     */
    static String require(String field) {
        if (field == null || !CODES.contains(field.toLowerCase(Locale.ROOT))) {
            throw new InvalidAlephFieldException("Unknown field '" + field + "'!");
        }
        return field;
    }
}

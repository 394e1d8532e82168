package cz.edeposit.amqp.marc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Metadata of a continuing resource (a periodical), extracted from its catalogue record. */
public record EPeriodical(
        List<String> url,
        @JsonProperty("ISSN") List<String> issn,
        @JsonProperty("invalid_ISSNs") List<String> invalidIssns,
        String nazev,
        String anotace,
        String podnazev,
        @JsonProperty("id_number") String idNumber,
        String mistoVydani,
        String datumVydani,
        @JsonProperty("internal_url") List<String> internalUrl,
        String nakladatelVydavatel,
        @JsonProperty("ISSNSouboruPublikaci") List<String> issnSouboruPublikaci) implements ParsedInfo {
}

package cz.edeposit.amqp.aleph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How far the library has processed a monograph record, read from Aleph's local fields; the
 * portal follows a deposit's cataloguing with it. The rules are in {@code docs/aleph.md}.
 *
 * @param hasAcquisitionFields         an {@code HLD} field is present
 * @param acquisitionFields            the {@code STZ a} then {@code STZ b} values (only with {@code HLD})
 * @param isbnAgencyFields             {@code IST} signs starting {@code ii2}, each followed by its {@code b} names
 * @param descriptiveCatFields         {@code IST} signs starting {@code jp2}, with names
 * @param descriptiveCatReviewFields   {@code IST} signs starting {@code jr2}, with names
 * @param subjectCatFields             {@code IST} signs starting {@code vp}, with names
 * @param subjectCatReviewFields       {@code IST} signs starting {@code vr}, with names
 * @param isClosed                     a {@code BAS a} is {@code 90}
 * @param isSummaryRecord              {@code FMT} is {@code SE}
 * @param contentOfFmt                 the {@code FMT} value, or {@code ""}
 * @param parsedSummaryRecordSysNumber the first token of {@code summaryRecordSysNumber} with more than three digits
 * @param summaryRecordSysNumber       the {@code PJM a} values joined by newlines
 */
public record SemanticInfo(
        Boolean hasAcquisitionFields,
        List<String> acquisitionFields,
        @JsonProperty("ISBNAgencyFields") List<String> isbnAgencyFields,
        List<String> descriptiveCatFields,
        List<String> descriptiveCatReviewFields,
        List<String> subjectCatFields,
        List<String> subjectCatReviewFields,
        Boolean isClosed,
        Boolean isSummaryRecord,
        @JsonProperty("contentOfFMT") String contentOfFmt,
        String parsedSummaryRecordSysNumber,
        String summaryRecordSysNumber) implements CatalogingInfo {
}

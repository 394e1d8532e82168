package cz.edeposit.amqp.aleph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The cataloguing state of a continuing resource; as {@link SemanticInfo}, except that
 * {@code IST} signs starting {@code sk} count as acquisition (and set {@code hasAcquisitionFields}).
 */
public record EPeriodicalSemanticInfo(
        Boolean hasAcquisitionFields,
        List<String> acquisitionFields,
        Boolean isClosed,
        Boolean isSummaryRecord,
        @JsonProperty("contentOfFMT") String contentOfFmt,
        String parsedSummaryRecordSysNumber,
        String summaryRecordSysNumber) implements CatalogingInfo {
}

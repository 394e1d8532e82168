package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.ParsedInfo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record found in the catalogue.
 *
 * @param base         the base searched; null for a {@code DocumentQuery}, as in the original
 * @param library      {@code DEFAULT_LIBRARY} for searches, the queried library for a document fetch
 * @param docNumber    the Aleph system number as text, {@code "-1"} when the answer had none
 * @param xml          the whole X-Services answer (OAI-MARC)
 * @param parsedInfo   the bibliographic data extracted from {@code xml}
 * @param semanticInfo the cataloguing state extracted from {@code xml}
 */
public record AlephRecord(String base, String library, String docNumber, String xml,
                          @JsonProperty("parsed_info") ParsedInfo parsedInfo,
                          @JsonProperty("semantic_info") CatalogingInfo semanticInfo) {
}

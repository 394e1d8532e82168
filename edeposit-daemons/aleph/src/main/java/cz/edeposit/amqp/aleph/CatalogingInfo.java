package cz.edeposit.amqp.aleph;

/**
 * What {@code AlephRecord.semantic_info} holds: the cataloguing state of the record, a
 * {@link SemanticInfo} or, for a continuing resource, an {@link EPeriodicalSemanticInfo}.
 */
public sealed interface CatalogingInfo permits SemanticInfo, EPeriodicalSemanticInfo {
}

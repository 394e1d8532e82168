package cz.edeposit.amqp.marc;

/** What {@code AlephRecord.parsed_info} holds: an {@link EPublication} or, for a continuing resource, an {@link EPeriodical}. */
public sealed interface ParsedInfo permits EPublication, EPeriodical {
}

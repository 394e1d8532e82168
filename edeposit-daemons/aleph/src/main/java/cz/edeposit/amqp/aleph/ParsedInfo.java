package cz.edeposit.amqp.aleph;

/** What {@code AlephRecord.parsed_info} holds: an {@link EPublication} or, for a continuing resource, an {@link EPeriodical}. */
public sealed interface ParsedInfo permits EPublication, EPeriodical {
}

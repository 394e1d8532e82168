package cz.edeposit.amqp.marc;

/** An author of a monograph, as the search results carry it (an {@code ExportRequest} carries plain strings). */
public record Author(String firstName, String lastName, String title) {
}

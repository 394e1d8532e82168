package cz.edeposit.amqp.marc;

/**
 * A person named in a record (an author, for the getters here), split as the original parser
 * split a personal name heading.
 *
 * @param name       given name(s)
 * @param secondName the numeration ({@code b}) of a forename heading, e.g. {@code IV.}
 * @param surname    family name, or the titles ({@code c}) of a forename heading
 * @param title      titles and other words associated with the name ({@code c})
 */
public record Person(String name, String secondName, String surname, String title) {
}

package cz.edeposit.amqp.antivirus;

/** Request: update clamd's signature database (freshclam, else a local signature directory) and reload it. */
public record UpdateDatabase() {
}

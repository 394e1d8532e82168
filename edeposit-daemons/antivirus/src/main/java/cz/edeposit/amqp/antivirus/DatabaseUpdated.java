package cz.edeposit.amqp.antivirus;

/** Reply to {@link UpdateDatabase}: the log of what was done, one step a line. */
public record DatabaseUpdated(String log) {
}

package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.rpc.SchemaMissingException;
import cz.edeposit.amqp.settings.ConfigException;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;

/**
 * The exit statuses shared by every daemon and the tool (sysexits / LSB where they have one), and
 * the one rule that turns the failure that ended a command into its message and status.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** LSB {@code status}: the program is not running. */
    public static final int NOT_RUNNING = 3;
    /** sysexits EX_CONFIG: a settings file or variable is wrong. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }

    /**
     * Prints the failure that ended {@code command} on {@code err} and returns the exit status: a
     * {@link CommandFailure}'s own lines and status; else {@code COMMAND: error: MESSAGE} on one line,
     * with status {@link #CONFIG} for bad settings and {@link #FAILURE} for anything else.
     */
    public static int report(String command, Exception failure, PrintWriter err) {
        if (failure instanceof CommandFailure explained) {
            explained.lines().forEach(line -> err.print(line + "\n"));
            err.flush();
            return explained.exitCode();
        }
        if (!expected(failure)) {
            LoggerFactory.getLogger(ExitCodes.class).debug("{} failed", command, failure);
        }
        err.println(command + ": error: " + message(failure));
        err.flush();
        return failure instanceof ConfigException ? CONFIG : FAILURE;
    }

    /** Failures whose message is written for the operator, in one line: no stack trace helps. */
    private static boolean expected(Exception failure) {
        return failure instanceof ConfigException || failure instanceof BrokerUnavailableException
                || failure instanceof SchemaMissingException;
    }

    private static String message(Exception failure) {
        if (expected(failure) || failure instanceof IllegalArgumentException) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}

package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.daemon.CommandFailure;
import cz.edeposit.amqp.daemon.ExitCodes;

import java.util.List;

/**
 * An expected failure of an action: the lines the tool prints on standard error, and its exit status.
 *
 * <p>The first line is the original tool's text where it had one (for example
 * {@code Can't connect to RabbitMQ!}); further lines say why and what to do.
 */
final class ToolFailure extends CommandFailure {
    private static final long serialVersionUID = 1L;

    ToolFailure(int exitCode, List<String> lines) {
        super(exitCode, lines);
    }

    /** A failure with exit status 1. */
    static ToolFailure of(String... lines) {
        return new ToolFailure(ExitCodes.FAILURE, List.of(lines));
    }
}

package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one mapping of the failure that ended a command to what it prints and its exit status. */
class ExitCodesTest {

    private record Report(int status, String err) {
    }

    private static Report report(Exception failure) {
        StringWriter err = new StringWriter();
        int status = ExitCodes.report("edeposit-x", failure, new PrintWriter(err));
        return new Report(status, err.toString());
    }

    @Test
    void aCommandFailurePrintsItsOwnLinesAsTheyAreWithItsStatus() {
        assertEquals(new Report(2, "Can't connect to RabbitMQ!\nbecause\n"),
                report(new CommandFailure(ExitCodes.USAGE, List.of("Can't connect to RabbitMQ!", "because"))));
    }

    @Test
    void badSettingsAreStatus78() {
        assertEquals(new Report(78, "edeposit-x: error: amqp.json: RABBITMQ_PORT must be a port\n"),
                report(new ConfigException("amqp.json: RABBITMQ_PORT must be a port")));
    }

    @Test
    void anyOtherFailureIsStatus1WithTheFirstLineOfItsMessage() {
        assertEquals(new Report(1, "edeposit-x: error: connection reset\n"),
                report(new IOException("connection reset\n\tat somewhere")));
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertEquals(new Report(1, "edeposit-x: error: IllegalStateException\n"), report(new IllegalStateException()));
    }
}

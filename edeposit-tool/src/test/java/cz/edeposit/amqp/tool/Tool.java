package cz.edeposit.amqp.tool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the tool in this JVM with an injected environment and captured output: picocli's black-box style. */
final class Tool {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    private static final Path EMPTY_CONFIG_DIR;

    static {
        try {
            EMPTY_CONFIG_DIR = Files.createTempDirectory("edeposit-tool-test-config");
            EMPTY_CONFIG_DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Tool() {
    }

    /**
     * Runs {@code args} with {@code env} plus an empty config dir, so no settings file of the machine
     * (nor its HOME) can move a host into a real vhost.
     */
    static Run withInput(Map<String, String> env, String stdin, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("EDEPOSIT_CONFIG_DIR", EMPTY_CONFIG_DIR.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AmqpTool.run(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    static Run run(Map<String, String> env, String... args) {
        return withInput(env, "", args);
    }

    static Run run(String... args) {
        return withInput(Map.of(), "", args);
    }

    /** The original's {@code --create} block for one host with the default keys and classic queues. */
    static String block(String exchange, String inputQueue, String outputQueue) {
        return "Created exchange '" + exchange + "'.\n"
                + "Creating queues:\n"
                + "\tCreated durable queue '" + inputQueue + "'.\n"
                + "\tCreated durable queue '" + outputQueue + "'.\n"
                + "\n"
                + "Routing exchanges using routing key to queues:\n"
                + "\tRouting exchange " + exchange + "['request'] -> '" + inputQueue + "'.\n"
                + "\tRouting exchange " + exchange + "['result'] -> '" + outputQueue + "'.\n";
    }
}

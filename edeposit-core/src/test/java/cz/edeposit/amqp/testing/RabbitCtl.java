package cz.edeposit.amqp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's rabbitmq-server and rabbitmqctl for one private node: the scripts under
 * /usr/lib/rabbitmq/bin directly (the /usr/sbin wrappers would switch to the rabbitmq user and the
 * shared node's cookie), with the node's own environment.
 */
final class RabbitCtl {

    private static final Path SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");
    // How long one CLI command may run: each starts an Erlang VM of its own, a few seconds of CPU, which at a load
    // of 40-65 on 2 cores (other builds) stretch to minutes. A bound on a command that hangs, not on speed.
    private static final int COMMAND_SECONDS = 300;

    private final String node;
    private final Map<String, String> env;

    RabbitCtl(String node, Map<String, String> env) {
        this.node = node;
        this.env = env;
    }

    /** {@code rabbitmqctl -n NODE args...}; its standard output, or an exception with everything it printed. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script("rabbitmqctl"), "-n", node));
        command.addAll(List.of(args));
        return exec(command, COMMAND_SECONDS);
    }

    /** As {@link #run}, with another CLI tool of the node ({@code rabbitmq-queues}, {@code rabbitmq-diagnostics}). */
    String runTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script(tool), "-n", node));
        command.addAll(List.of(args));
        return exec(command, COMMAND_SECONDS);
    }

    /** {@code rabbitmq-server -detached}: returns at once; the caller waits for the port. */
    void startServer() throws IOException, InterruptedException {
        exec(List.of(script("rabbitmq-server"), "-detached"), COMMAND_SECONDS);
    }

    /** Stops the node, and kills its VM when a clean stop does not work; never throws. */
    void halt(Path pidFile) {
        Long pid = null;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            // No PID file: the node never got far enough to write one.
        }
        try {
            run("stop");
        } catch (IOException | RuntimeException e) {
            // Not running, or not answering: the kill below decides.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pid != null) {
            ProcessHandle.of(pid)
                    .filter(process -> process.info().command().map(command -> command.contains("beam")).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private String exec(List<String> command, int seconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new IllegalStateException(command.get(0) + " is missing: the fault tests need Debian's"
                    + " rabbitmq-server package (apt-get install rabbitmq-server); they never use the shared broker");
        }
        Path output = Files.createTempFile("rabbitmqctl", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + seconds + " s");
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String script(String name) {
        return SCRIPTS.resolve(name).toString();
    }
}

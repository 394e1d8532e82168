package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A worker JVM of its own, started the way a launcher starts a daemon (java, JVM options, class
 * path, main class, arguments; settings in {@code EDEPOSIT_*} variables, never the password on the
 * command line), so that /proc shows its own CPU time and memory.
 */
final class WorkerProcess implements AutoCloseable {

    final String label;
    private final Process process;
    private final Path log;

    private WorkerProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(String label, List<String> jvmOptions, Class<?> mainClass, List<String> args,
                               AmqpSettings amqp, HostSettings host, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Path log = workDir.resolve(label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment(amqp, host));
        return new WorkerProcess(label, builder.start(), log);
    }

    /** The AMQP settings, and the downloader host moved onto the benchmark's exchange and queue. */
    private static Map<String, String> environment(AmqpSettings amqp, HostSettings host) {
        String p = "EDEPOSIT_RABBITMQ_DOWNER_";
        return Map.ofEntries(
                Map.entry("EDEPOSIT_RABBITMQ_HOST", amqp.host()),
                Map.entry("EDEPOSIT_RABBITMQ_PORT", Integer.toString(amqp.port())),
                Map.entry("EDEPOSIT_RABBITMQ_ADDRESSES", amqp.nodes().stream().map(Object::toString)
                        .collect(Collectors.joining(","))),
                Map.entry("EDEPOSIT_RABBITMQ_USER_NAME", amqp.userName()),
                Map.entry("EDEPOSIT_RABBITMQ_USER_PASSWORD", amqp.password()),
                Map.entry(p + "VIRTUALHOST", host.vhost()),
                Map.entry(p + "EXCHANGE", host.exchange()),
                Map.entry(p + "INPUT_QUEUE", host.inputQueue()),
                Map.entry(p + "OUTPUT_QUEUE", host.outputQueue()),
                Map.entry(p + "INPUT_KEY", host.inputKey()),
                Map.entry(p + "OUTPUT_KEY", host.outputKey()));
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the worker consumes {@code host}'s queue; fails with the worker's output if it exits. */
    void awaitConsuming(BenchTopology topology, HostSettings host, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (topology.consumers(host) == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with status " + process.exitValue()
                        + " before consuming; its output:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + " does not consume queue '" + host.inputQueue()
                        + "' after " + limit.toSeconds() + " s; its output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    String output() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as a supervisor stops a daemon; SIGKILL if it has not exited after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

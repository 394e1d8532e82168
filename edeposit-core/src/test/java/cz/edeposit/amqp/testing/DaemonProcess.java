package cz.edeposit.amqp.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a daemon's command line as a separate JVM with the test class path, the way an operator
 * runs the launcher, and captures its output and exit status.
 */
public final class DaemonProcess {

    private static final String TEST_LOGGING = "logback-test.xml";

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Class<?> mainClass;
    private final Map<String, String> env;
    private final List<String> commonArgs;
    private final List<String> jvmOptions;
    private final String classPath;

    public DaemonProcess(Class<?> mainClass, Map<String, String> env, List<String> commonArgs) {
        this(mainClass, env, commonArgs, List.of("-XX:TieredStopAtLevel=1"), System.getProperty("java.class.path"));
    }

    private DaemonProcess(Class<?> mainClass, Map<String, String> env, List<String> commonArgs, List<String> jvmOptions,
                          String classPath) {
        this.mainClass = mainClass;
        this.env = env;
        this.commonArgs = commonArgs;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
    }

    /** The same command in a JVM with {@code options} instead, e.g. a launcher's heap and collector. */
    public DaemonProcess withJvmOptions(List<String> options) {
        return new DaemonProcess(mainClass, env, commonArgs, options, classPath);
    }

    /**
     * The same command logging as the distribution's launchers do, through the core's LogConfigurator:
     * the class path's folders that hold the tests' {@code logback-test.xml} (which would win) are
     * copied into {@code scratch} without it.
     */
    public DaemonProcess withBuiltInLogging(Path scratch) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path folder = Path.of(entry);
            if (!Files.isRegularFile(folder.resolve(TEST_LOGGING))) {
                entries.add(entry);
                continue;
            }
            Path copy = scratch.resolve("classes-" + entries.size());
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(folder.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!file.equals(folder.resolve(TEST_LOGGING))) {
                        Files.copy(file, target);
                    }
                }
            }
            entries.add(copy.toString());
        }
        return new DaemonProcess(mainClass, env, commonArgs, jvmOptions, String.join(File.pathSeparator, entries));
    }

    /** Runs {@code args} plus the common ones and waits for the command (not a detached daemon) to end. */
    public Result run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("daemon-out", ".txt");
        Path err = Files.createTempFile("daemon-err", ".txt");
        try {
            // Files, not pipes: a detached grandchild keeps inherited pipes open long after the command ended.
            Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("command did not end within 120 s: " + List.of(args));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code args} plus the common ones with output to {@code log}, e.g. a foreground daemon. */
    public Process start(Path log, String... args) throws IOException {
        return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts {@code args} plus the common ones with standard output and error on one pipe, the process's input stream. */
    public Process startPiped(String... args) throws IOException {
        return builder(args).redirectErrorStream(true).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        command.addAll(commonArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}

package cz.edeposit.amqp.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The unpacked distribution the build just made, and a way to run its commands as an operator does. */
final class Dist {

    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private Dist() {
    }

    /** {@code edeposit-dist/target/edeposit-amqp-VERSION}, which {@code mvn package} unpacks. */
    static Path home() {
        Path home = Path.of(System.getProperty("edeposit.dist", "target/edeposit-amqp-unknown"));
        if (!Files.isDirectory(home)) {
            throw new AssertionError("no distribution at " + home + "; run the ITs through mvn verify, which builds it first");
        }
        return home.toAbsolutePath();
    }

    static Path bin(String launcher) {
        return home().resolve("bin").resolve(launcher);
    }

    /** The environment of this JVM without anything that would change how a launcher or daemon behaves. */
    static Map<String, String> cleanEnv() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("EDEPOSIT_") || key.equals("JAVA_OPTS") || key.equals("JAVA_HOME"));
        return env;
    }

    /** Runs {@code command} in {@code workDir} with exactly {@code env}, and waits for it to end. */
    static Result run(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            // Files, not pipes: a detached daemon would keep inherited pipes open after the command ended.
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not end within 180 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The launchers of {@code launchers.list}: name to its kind and main class. */
    static Map<String, String[]> launchers() throws IOException {
        Map<String, String[]> launchers = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("edeposit.launchers")))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+", 5);
            launchers.put(fields[0], new String[] {fields[1], fields[2]});
        }
        return launchers;
    }
}

package cz.edeposit.amqp.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The environment of this JVM without anything that would change how a launcher or daemon behaves,
     * with the launchers' class archives in the build directory (lib/class-cache.sh), where every IT
     * shares them, instead of the home directory or /var/cache of whoever runs the build.
     */
    static Map<String, String> cleanEnv() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("EDEPOSIT_") || key.equals("JAVA_OPTS") || key.equals("JAVA_HOME")
                || key.equals("CACHE_DIRECTORY"));
        env.put("EDEPOSIT_CACHE_DIR", home().resolveSibling("it-class-cache").toString());
        return env;
    }

    /** Runs {@code command} in {@code workDir} with exactly {@code env}, and waits for it to end (180 s at most). */
    static Result run(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        return run(workDir, env, command, 180);
    }

    /** The same, for a command that may take up to {@code limitSeconds} on a busy machine. */
    static Result run(Path workDir, Map<String, String> env, List<String> command, int limitSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            // Files, not pipes: a detached daemon would keep inherited pipes open after the command ended.
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not end within " + limitSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The launchers of {@code launchers.list}: name to its kind, main class and module (artifact id). */
    static Map<String, String[]> launchers() throws IOException {
        Map<String, String[]> launchers = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("edeposit.launchers")))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+", 6);
            launchers.put(fields[0], new String[] {fields[1], fields[3], fields[2]});
        }
        return launchers;
    }

    /** {@code lib/MODULE-VERSION.jar}, the jar of a module of {@code launchers.list}. */
    static Path moduleJar(String module) {
        return home().resolve("lib").resolve(module + "-" + System.getProperty("edeposit.version") + ".jar");
    }

    /**
     * The class path that {@code bin/LAUNCHER} gives its JVM, as jar file names of lib/: the jar its
     * {@code jar=} line names, then the jars that the manifests' {@code Class-Path} name, as the JVM follows them.
     */
    static Set<String> classPath(String launcher) throws IOException {
        Matcher jar = Pattern.compile("(?m)^main=.* jar=(\\S+)$").matcher(Files.readString(bin(launcher)));
        if (!jar.find()) {
            throw new AssertionError("bin/" + launcher + " names no jar");
        }
        Set<String> classPath = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(jar.group(1)));
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            Path file = home().resolve("lib").resolve(name);
            if (!classPath.add(name) || !Files.isRegularFile(file)) {
                continue;
            }
            try (JarFile opened = new JarFile(file.toFile())) {
                String listed = opened.getManifest() == null ? null
                        : opened.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (listed != null) {
                    pending.addAll(List.of(listed.strip().split("\\s+")));
                }
            }
        }
        return classPath;
    }
}

package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.UserWarning;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs calibre's {@code ebook-convert} as a child process inside a {@link WorkDir}, in the
 * {@link Sandbox} unless the settings turn it off, with a time limit and limits on the output's
 * and the work directory's size; on any of them, or on an interrupt, its whole process tree is killed.
 */
final class EbookConvert {

    /** How one run ended: the exit status, the standard output (the reply's protocol) and the last lines of both streams. */
    record Run(int exitCode, String protocol, String lastLines) {
    }

    private static final long POLL_MILLIS = 200;
    private static final File NO_INPUT = new File("/dev/null");
    /** What the sandboxed converter may run: the system's programs, nothing from the daemon's PATH. */
    private static final String SANDBOX_PATH = "/usr/bin:/bin";

    private final CalibreSettings settings;
    private final Map<String, String> daemonEnv;
    private final boolean root;
    private final Sandbox sandbox;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    /**
     * @param daemonEnv the daemon's environment; in the sandbox the child gets only its locale and
     *                  Chromium's flags, without the sandbox all of it but the {@code EDEPOSIT_*}
     *                  variables, which may hold the broker password
     * @param root      whether the daemon runs as root, where Chromium's sandbox refuses to start
     *                  (which matters only without our sandbox)
     */
    EbookConvert(CalibreSettings settings, Map<String, String> daemonEnv, boolean root) {
        this.settings = settings;
        this.daemonEnv = Map.copyOf(daemonEnv);
        this.root = root;
        this.sandbox = settings.sandbox() ? new Sandbox(settings.bwrap(), settings.ebookConvert()) : null;
    }

    /** Converts {@code input} to {@code output}, both inside {@code dir}; what the result means is the caller's call. */
    Run convert(WorkDir dir, Path input, Path output) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(input.toString(), output.toString()));
        args.addAll(Formats.inputOptions(input.getFileName().toString()));
        return run(dir, output, settings.timeout(), args.toArray(String[]::new));
    }

    /**
     * Runs {@code true} in the sandbox, to learn at start-up whether the sandbox can be made here;
     * only when the sandbox is on.
     */
    Run trySandbox(WorkDir dir, Duration timeout) throws IOException, InterruptedException {
        return start(dir, dir.resolve("no-output"), timeout, sandbox.wrap(dir, List.of("true")));
    }

    /**
     * Runs {@code ebook-convert args} in {@code dir}. A run that takes longer than {@code timeout},
     * lets {@code watched} outgrow the output limit or {@code dir} the work limit ends in a
     * {@link UserWarning}, after the kill.
     */
    Run run(WorkDir dir, Path watched, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(settings.ebookConvert().toString());
        command.addAll(List.of(args));
        return start(dir, watched, timeout, sandbox == null ? command : sandbox.wrap(dir, command));
    }

    private Run start(WorkDir dir, Path watched, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.log");
        Path stderr = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.path().toFile())
                .redirectInput(NO_INPUT)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        childEnvironment(builder.environment(), dir);
        Process process = builder.start();
        running.add(process);
        try {
            awaitExit(process, dir, watched, timeout, stdout, stderr);
            return new Run(process.exitValue(), ConverterLog.protocol(stdout), ConverterLog.lastLines(stdout, stderr));
        } finally {
            if (process.isAlive()) {
                ProcessTree.kill(process.toHandle());
            }
            running.remove(process);
        }
    }

    /** Kills every conversion still running; for the JVM's shutdown hook. */
    void killAll() {
        running.forEach(process -> ProcessTree.kill(process.toHandle()));
    }

    private void awaitExit(Process process, WorkDir dir, Path watched, Duration timeout, Path stdout, Path stderr)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline >= 0) {
                ProcessTree.kill(process.toHandle());
                throw new UserWarning("Conversion failed: ebook-convert did not finish within "
                        + timeout.toSeconds() + " s (" + CalibreSettings.TIMEOUT
                        + "), so it and its child processes were killed. Its last output:\n"
                        + ConverterLog.lastLines(stdout, stderr));
            }
            if (Output.size(watched) > settings.maxOutputBytes()) {
                ProcessTree.kill(process.toHandle());
                throw new UserWarning("Conversion failed: the output grew beyond " + settings.maxOutputBytes()
                        + " bytes (" + CalibreSettings.MAX_OUTPUT + "), so ebook-convert was killed");
            }
            // A zip bomb or a runaway converter fills the disk long before the time-out.
            if (dir.size() > settings.maxWorkBytes()) {
                ProcessTree.kill(process.toHandle());
                throw new UserWarning("Conversion failed: the work directory grew beyond " + settings.maxWorkBytes()
                        + " bytes (" + CalibreSettings.MAX_WORK + "), so ebook-convert was killed");
            }
        }
    }

    /**
     * In the sandbox only the system's PATH, the locale and Chromium's flags from the daemon's
     * environment, else the daemon's environment minus its own settings; plus what calibre needs
     * headless, and every place calibre, Qt and Python write to moved into the work directory,
     * which is deleted afterwards.
     */
    private void childEnvironment(Map<String, String> env, WorkDir dir) throws IOException {
        env.clear();
        if (sandbox != null) {
            env.put("PATH", SANDBOX_PATH);
            env.put("LANG", daemonEnv.getOrDefault("LANG", "C.UTF-8"));
            for (String name : List.of("LC_ALL", "LC_CTYPE", "QTWEBENGINE_CHROMIUM_FLAGS")) {
                if (daemonEnv.containsKey(name)) {
                    env.put(name, daemonEnv.get(name));
                }
            }
        } else {
            daemonEnv.forEach((name, value) -> {
                if (!name.startsWith("EDEPOSIT_")) {
                    env.put(name, value);
                }
            });
        }
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String home = dir.path().toString();
        env.put("HOME", home);
        env.put("XDG_RUNTIME_DIR", home);
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("CALIBRE_CONFIG_DIRECTORY", dir.resolve("config").toString());
        env.put("CALIBRE_TEMP_DIR", tmp.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("QT_QPA_PLATFORM", "offscreen");
        if (root && sandbox == null) {
            // Chromium (QtWebEngine, used for PDF output) refuses to run as root with its sandbox;
            // in our sandbox the converter is never root, so Chromium's own sandbox stays on there.
            String flags = env.getOrDefault("QTWEBENGINE_CHROMIUM_FLAGS", "");
            env.put("QTWEBENGINE_CHROMIUM_FLAGS", flags.contains("--no-sandbox") ? flags : (flags + " --no-sandbox").strip());
        }
    }
}

package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.UserWarning;
import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.PythonTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a {@link ConversionRequest} with a {@link ConversionResponse}: the original's
 * {@code convert}, with a private work directory, a time-out and a size limit. Failures carry the
 * original's exception names: {@code AssertionError} for a format outside the lists,
 * {@code UserWarning} for a failed conversion, {@code ValueError} for anything else that is wrong.
 */
final class ConversionHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(ConversionHandler.class);
    private static final Pattern VERSION = Pattern.compile("ebook-convert \\(calibre ([^)]+)\\)");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final CalibreSettings settings;
    private final EbookConvert converter;

    ConversionHandler(CalibreSettings settings, EbookConvert converter) {
        this.settings = settings;
        this.converter = converter;
    }

    /**
     * The daemon's handler: reads {@code calibre.json}, makes sure {@code ebook-convert} is there, is
     * calibre's and runs in the sandbox, and removes work directories a killed daemon left.
     */
    static ConversionHandler create(DaemonEnvironment environment) throws IOException, InterruptedException {
        CalibreSettings settings = CalibreSettings.load(environment);
        EbookConvert converter = new EbookConvert(settings, environment.env(), runningAsRoot());
        String version = probe(settings, converter);
        int removed = WorkDir.sweepOrphans(settings.tempDir());
        if (removed > 0) {
            log.info("Removed {} work directories left in {} by daemons that no longer run", removed, settings.tempDir());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(converter::killAll, "calibre-kill-conversions"));
        log.info("Converting with {} (calibre {}) {}: up to {} at once (--workers), each within {} s, {} bytes "
                        + "of output and {} bytes of work files, in {}", settings.ebookConvert(), version,
                settings.sandbox() ? "in the sandbox of " + settings.bwrap() : "WITHOUT A SANDBOX",
                environment.workers(), settings.timeout().toSeconds(), settings.maxOutputBytes(),
                settings.maxWorkBytes(), settings.tempDir());
        if (!settings.sandbox()) {
            log.warn("{} is false: ebook-convert runs without its sandbox, so a document can make it read any "
                    + "file this user may read (such as the broker password in amqp.json) into the book it "
                    + "sends back, and reach the network. Set {} to true unless every document is trusted",
                    CalibreSettings.SANDBOX, CalibreSettings.SANDBOX);
        }
        return new ConversionHandler(settings, converter);
    }

    /** Runs {@code ebook-convert --version}; returns calibre's version, or refuses to start. */
    static String probe(CalibreSettings settings, EbookConvert converter) throws IOException, InterruptedException {
        Path program = settings.ebookConvert();
        String key = CalibreSettings.EBOOK_CONVERT;
        if (!Files.exists(program)) {
            throw new ConfigException("ebook-convert not found at " + program + "; install Debian's calibre package "
                    + "(apt-get install calibre), or set " + key + " in calibre.json (or EDEPOSIT_" + key
                    + ") to where ebook-convert is");
        }
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw new ConfigException(key + " " + program + " is not an executable file (set in calibre.json or EDEPOSIT_"
                    + key + ")");
        }
        if (settings.sandbox()) {
            requireSandbox(settings, converter);
        }
        try (WorkDir dir = WorkDir.create(settings.tempDir())) {
            EbookConvert.Run run = converter.run(dir, dir.resolve("no-output"), PROBE_TIMEOUT, "--version");
            Matcher version = VERSION.matcher(run.protocol());
            if (run.exitCode() != 0 || !version.find()) {
                throw new ConfigException(program + " --version did not answer like calibre's ebook-convert (exit "
                        + run.exitCode() + ": " + run.lastLines().lines().findFirst().orElse("") + "); reinstall "
                        + "Debian's calibre package, or point " + key + " at ebook-convert");
            }
            return version.group(1);
        } catch (UserWarning timeout) {
            throw new ConfigException(program + " --version did not answer within " + PROBE_TIMEOUT.toSeconds()
                    + " s; check that calibre works: " + program + " --version", timeout);
        }
    }

    /** Runs {@code true} in the sandbox, or refuses to start naming the fix. */
    private static void requireSandbox(CalibreSettings settings, EbookConvert converter)
            throws IOException, InterruptedException {
        Path bwrap = settings.bwrap();
        String key = CalibreSettings.BWRAP;
        String optOut = "or set " + CalibreSettings.SANDBOX + " to false in calibre.json (or EDEPOSIT_"
                + CalibreSettings.SANDBOX + ") to convert without it, which lets documents read this user's files";
        if (!Files.isRegularFile(bwrap) || !Files.isExecutable(bwrap)) {
            throw new ConfigException("bwrap not found at " + bwrap + " (or not executable); install Debian's "
                    + "bubblewrap package (apt-get install bubblewrap), set " + key + " in calibre.json (or EDEPOSIT_"
                    + key + ") to where bwrap is, " + optOut);
        }
        try (WorkDir dir = WorkDir.create(settings.tempDir())) {
            EbookConvert.Run run = converter.trySandbox(dir, PROBE_TIMEOUT);
            if (run.exitCode() != 0) {
                String said = run.lastLines().lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
                throw new ConfigException("the sandbox for ebook-convert could not be made (" + bwrap
                        + " exited with status " + run.exitCode() + ": " + said + "); allow unprivileged user namespaces "
                        + "(docs/calibre.md, \"The sandbox\"), " + optOut);
            }
        } catch (UserWarning timeout) {
            throw new ConfigException("the sandbox for ebook-convert (" + bwrap + ") did not start within "
                    + PROBE_TIMEOUT.toSeconds() + " s; " + optOut, timeout);
        }
    }

    /** Whether this process runs as root, where calibre's Chromium needs --no-sandbox. */
    static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof ConversionRequest conversion) {
            return convert(conversion, context.uuid());
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    ConversionResponse convert(ConversionRequest request, String uuid) throws IOException, InterruptedException {
        String input = Formats.input(request.inputFormat());
        String output = Formats.output(request.outputFormat());
        long started = System.nanoTime();
        try (WorkDir dir = WorkDir.create(settings.tempDir())) {
            // File names are fixed; only the extension comes from the request, and only from the lists.
            Path inputFile = dir.resolve("input." + input);
            Path outputFile = dir.resolve("output." + output);
            Base64Text.decodeTo(request.b64Data(), inputFile);
            EbookConvert.Run run = converter.convert(dir, inputFile, outputFile);
            requireSuccess(run, output, outputFile);
            long outputBytes = Output.size(outputFile);
            String b64Data = Output.base64(outputFile, settings.maxOutputBytes());
            log.info("Converted {} to {} ({} to {} bytes) in {} ms for {}", input, output, Files.size(inputFile),
                    outputBytes, (System.nanoTime() - started) / 1_000_000, uuid);
            return new ConversionResponse(output, b64Data, run.protocol());
        }
    }

    /** Success as the original saw it (its marker line) and as we do (exit status 0, the output exists). */
    private static void requireSuccess(EbookConvert.Run run, String format, Path outputFile) {
        if (run.exitCode() != 0) {
            throw new UserWarning("Conversion failed: ebook-convert exited with status " + run.exitCode()
                    + ". Its last output:\n" + run.lastLines());
        }
        String marker = format.toUpperCase(Locale.ROOT) + " output written to";
        if (!run.protocol().contains(marker)) {
            throw new UserWarning("Conversion failed: ebook-convert did not report '" + marker
                    + "'. Its last output:\n" + run.lastLines());
        }
        if (!Output.exists(outputFile, format)) {
            throw new UserWarning("Conversion failed: ebook-convert reported success but wrote no "
                    + format + " output. Its last output:\n" + run.lastLines());
        }
    }
}

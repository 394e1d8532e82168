package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.daemon.HandlerFactory;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.UserWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the calibre handler at start-up: reads {@code calibre.json}, makes sure
 * {@code ebook-convert} is there and is calibre's, and removes work directories a killed daemon left.
 */
final class CalibreHandlerFactory implements HandlerFactory {

    private static final Logger log = LoggerFactory.getLogger(CalibreHandlerFactory.class);
    private static final Pattern VERSION = Pattern.compile("ebook-convert \\(calibre ([^)]+)\\)");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public RpcHandler create(DaemonEnvironment environment) throws Exception {
        CalibreSettings settings = CalibreSettings.load(environment);
        EbookConvert converter = new EbookConvert(settings, environment.env(), runningAsRoot());
        String version = probe(settings, converter);
        int removed = WorkDir.sweepOrphans(settings.tempDir());
        if (removed > 0) {
            log.info("Removed {} work directories left in {} by daemons that no longer run", removed, settings.tempDir());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(converter::killAll, "calibre-kill-conversions"));
        log.info("Converting with {} (calibre {}): up to {} at once (--workers), each within {} s and {} bytes "
                        + "of output, in {}", settings.ebookConvert(), version, environment.workers(),
                settings.timeout().toSeconds(), settings.maxOutputBytes(), settings.tempDir());
        return new ConversionHandler(settings, converter);
    }

    /** Runs {@code ebook-convert --version}; returns calibre's version, or refuses to start. */
    static String probe(CalibreSettings settings, EbookConvert converter) throws IOException, InterruptedException {
        Path program = settings.ebookConvert();
        if (!Files.exists(program)) {
            throw new ConfigException("ebook-convert not found at " + program + "; install Debian's calibre package "
                    + "(apt-get install calibre), or set " + CalibreSettings.EBOOK_CONVERT + " in calibre.json (or EDEPOSIT_"
                    + CalibreSettings.EBOOK_CONVERT + ") to where ebook-convert is");
        }
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw CalibreSettings.bad(CalibreSettings.EBOOK_CONVERT, program + " is not an executable file",
                    CalibreSettings.FILE);
        }
        try (WorkDir dir = WorkDir.create(settings.tempDir())) {
            EbookConvert.Run run = converter.run(dir, dir.resolve("no-output"), PROBE_TIMEOUT, "--version");
            Matcher version = VERSION.matcher(run.protocol());
            if (run.exitCode() != 0 || !version.find()) {
                throw new ConfigException(program + " --version did not answer like calibre's ebook-convert (exit "
                        + run.exitCode() + ": " + run.lastLines().lines().findFirst().orElse("") + "); reinstall "
                        + "Debian's calibre package, or point " + CalibreSettings.EBOOK_CONVERT + " at ebook-convert");
            }
            return version.group(1);
        } catch (UserWarning timeout) {
            throw new ConfigException(program + " --version did not answer within " + PROBE_TIMEOUT.toSeconds()
                    + " s; check that calibre works: " + program + " --version", timeout);
        }
    }

    /** Whether this process runs as root, where calibre's Chromium needs --no-sandbox. */
    static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}

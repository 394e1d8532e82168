package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.UserWarning;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Answers a {@link ConversionRequest} with a {@link ConversionResponse}: the original's
 * {@code convert}, with a private work directory, a time-out and a size limit. Failures carry the
 * original's exception names: {@code AssertionError} for a format outside the lists,
 * {@code UserWarning} for a failed conversion, {@code ValueError} for anything else that is wrong.
 */
final class ConversionHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(ConversionHandler.class);

    private final CalibreSettings settings;
    private final EbookConvert converter;

    ConversionHandler(CalibreSettings settings, EbookConvert converter) {
        this.settings = settings;
        this.converter = converter;
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

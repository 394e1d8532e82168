package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.PDF;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.RecordingContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Settings and handlers for tests: the real fonts, a fixed clock, and the PDF bytes of a reply. */
final class Handlers {

    /** 6 December 2026, 19:05 UTC: 20:05 in Prague. */
    static final Instant NOW = Instant.parse("2026-12-06T19:05:00Z");

    private Handlers() {
    }

    static PdfgenSettings settings(Path configDir, Map<String, String> env) {
        return PdfgenSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    static PdfgenHandler handler(Path configDir, Map<String, String> env) {
        PdfgenSettings settings = settings(configDir, env);
        return new PdfgenHandler(settings, Clock.fixed(NOW, settings.timeZone()));
    }

    static byte[] pdf(PdfgenHandler handler, Object request) throws Exception {
        RecordingContext context = new RecordingContext();
        PDF reply = (PDF) handler.handle(request, context);
        assertEquals(0, context.progress.size(), "pdfgen sends no progress");
        return Base64.getDecoder().decode(reply.b64Content());
    }

    static ZoneId prague() {
        return ZoneId.of("Europe/Prague");
    }
}

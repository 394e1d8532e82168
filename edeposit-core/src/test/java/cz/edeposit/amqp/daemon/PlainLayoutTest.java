package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainLayoutTest {

    private static String layOut(PatternLayoutBase<ILoggingEvent> layout, LoggerContext context, String pattern,
                                 ILoggingEvent event) {
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout.doLayout(event);
    }

    private static Throwable nested() {
        IllegalStateException cause = new IllegalStateException("inner");
        UncheckedIOException thrown = new UncheckedIOException("outer: " + cause.getMessage(), new IOException(cause));
        thrown.addSuppressed(new IllegalArgumentException("suppressed"));
        return thrown;
    }

    @Test
    void writesWhatLogbacksPatternLayoutWritesForTheDaemonsAndTheCommandsPatterns() {
        LoggerContext context = new LoggerContext();
        ch.qos.logback.classic.Logger logger = context.getLogger("cz.edeposit.amqp.rpc.RpcDaemon");
        List<ILoggingEvent> events = List.of(
                new LoggingEvent("x", logger, Level.INFO, "Consuming queue '{}'", null, new Object[] {"daemon"}),
                new LoggingEvent("x", logger, Level.WARN, "two\nlines", null, null),
                new LoggingEvent("x", logger, Level.ERROR, "failed", nested(), null),
                new LoggingEvent("x", logger, Level.DEBUG, "{} and {}", new IllegalStateException("last"),
                        new Object[] {"a", 1}));
        for (String pattern : List.of(LogConfigurator.DAEMON_PATTERN, "edeposit-amqp-tool: %level: %msg%n")) {
            for (ILoggingEvent event : events) {
                assertEquals(layOut(new PatternLayout(), context, pattern, event),
                        layOut(new PlainLayout(), context, pattern, event), pattern);
            }
        }
    }
}

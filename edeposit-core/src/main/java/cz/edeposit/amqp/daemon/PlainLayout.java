package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.pattern.DateConverter;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.LevelConverter;
import ch.qos.logback.classic.pattern.LineSeparatorConverter;
import ch.qos.logback.classic.pattern.LoggerConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThreadConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.pattern.PatternLayoutBase;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Logback's {@code PatternLayout} with only the conversion words of {@link LogConfigurator}'s patterns:
 * the same converters, the same stack traces after the line, so the same text; {@code PatternLayout}'s
 * own table of every word loads about 110 classes (each converter and a lambda for it) into every JVM
 * (docs/performance.md, Memory).
 */
final class PlainLayout extends PatternLayoutBase<ILoggingEvent> {

    private static final Map<String, Supplier<DynamicConverter>> CONVERTERS = Map.of(
            "d", DateConverter::new,
            "level", LevelConverter::new,
            "thread", ThreadConverter::new,
            "logger", LoggerConverter::new,
            "msg", MessageConverter::new,
            "n", LineSeparatorConverter::new);

    PlainLayout() {
        // As PatternLayout: a pattern without %ex gets the stack trace of an event's throwable.
        postCompileProcessor = new EnsureExceptionHandling();
    }

    @Override
    protected Map<String, Supplier<DynamicConverter>> getDefaultConverterSupplierMap() {
        return CONVERTERS;
    }

    @Override
    public Map<String, String> getDefaultConverterMap() {
        return Map.of();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return isStarted() ? writeLoopOnConverters(event) : CoreConstants.EMPTY_STRING;
    }
}

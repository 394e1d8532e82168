package cz.edeposit.amqp.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Collects what one logger (and its children) logs while a test runs, to check operator messages. */
public final class LogCapture implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted messages so far. */
    public List<String> messages() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds to the list
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits until a message contains {@code text}, and returns it. */
    public String await(String text, Duration timeout) throws Exception {
        Predicate<String> wanted = message -> message.contains(text);
        List<String> seen = Await.value("a log message containing '" + text + "'", timeout, POLL, this::messages,
                messages -> messages.stream().anyMatch(wanted));
        return seen.stream().filter(wanted).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

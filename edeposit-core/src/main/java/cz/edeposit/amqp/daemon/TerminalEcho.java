package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import cz.edeposit.amqp.rpc.RpcSupervisor;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Copies the warnings and errors of the log to the terminal of a background start until the daemon
 * is ready ({@link DetachedStart}): what the settings say is wrong (an unknown key, a readable
 * secret) reaches whoever starts it, as when a JVM of its own checked them for the terminal. Not
 * the supervisor's "Waiting for RabbitMQ" warnings: the start reports them in its own words.
 */
final class TerminalEcho implements AutoCloseable {

    private final Logger root;
    private final OutputStreamAppender<ILoggingEvent> appender;

    private TerminalEcho(Logger root, OutputStreamAppender<ILoggingEvent> appender) {
        this.root = root;
        this.appender = appender;
    }

    /** Starts copying to {@code terminal}; copies nothing when logback is not the logging (a test's binding). */
    static TerminalEcho to(PrintStream terminal) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new TerminalEcho(null, null);
        }
        Encoder<ILoggingEvent> encoder = LogConfigurator.patternEncoder(context, LogConfigurator.DAEMON_PATTERN);
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("TERMINAL");
        appender.setEncoder(encoder);
        appender.addFilter(warnings);
        Filter<ILoggingEvent> waiting = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getLoggerName().equals(RpcSupervisor.class.getName())
                        && event.getMessage().startsWith("Waiting for RabbitMQ") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
        waiting.start();
        appender.addFilter(waiting);
        appender.setOutputStream(new OutputStream() { // never closed with the appender: the terminal stays ours
            @Override
            public void write(int b) {
                terminal.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                terminal.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                terminal.flush();
            }
        });
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new TerminalEcho(root, appender);
    }

    /** Stops copying. */
    @Override
    public void close() {
        if (root != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}

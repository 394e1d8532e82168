package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

import java.util.Locale;

/**
 * The built-in logging of the daemons and the tool, set up in code and found by logback through
 * {@code META-INF/services}: parsing a {@code logback.xml} (XML parser, Joran) was the largest single
 * item of a daemon's start-up (docs/performance.md, Start-up).
 *
 * <p>Daemons log to standard output (the terminal, the journal, or the log file a background
 * {@code start} appends it to) with the pattern {@value #DAEMON_PATTERN}, RabbitMQ's client at WARN
 * and everything else at {@code EDEPOSIT_LOG_LEVEL} (default INFO). A command that sets the system
 * property {@value #COMMAND_PROPERTY} to its name logs to standard error as {@code NAME: LEVEL: message},
 * RabbitMQ's client at ERROR and the rest at {@code EDEPOSIT_LOG_LEVEL} (default WARN), because its
 * standard output carries results that scripts read.
 *
 * <p>{@code EDEPOSIT_LOG_FORMAT=json} writes the same events, to the same stream at the same levels, as
 * one JSON object per line (logback's {@link JsonEncoder}: {@code timestamp} in epoch milliseconds,
 * {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} with a request's fields,
 * {@code formattedMessage}, {@code throwable}); {@code text} or unset is the pattern above. Another
 * value logs a warning and keeps the text format: a typo in how to log should not stop a daemon.
 *
 * <p>Logback calls the configurators of {@code META-INF/services} before it looks at
 * {@code -Dlogback.configurationFile} or {@code logback-test.xml}, so this one steps aside for an
 * operator's file, and for the tests' configuration unless it sets up a command (whose output the
 * tests check).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The system property naming the command whose logging this is; unset for a daemon. */
    public static final String COMMAND_PROPERTY = "edeposit.log.command";

    static final String DAEMON_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";
    static final String LEVEL_VARIABLE = "EDEPOSIT_LOG_LEVEL";
    static final String FORMAT_VARIABLE = "EDEPOSIT_LOG_FORMAT";

    /** Public, with no arguments, for ServiceLoader. */
    public LogConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String command = System.getProperty(COMMAND_PROPERTY);
        // A command's logging wins over logback-test.xml, as the tool's own file named by the property did.
        if (System.getProperty("logback.configurationFile") != null || command == null
                && LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // logback's own configurator reads that file
        }
        apply(context, command, setting(LEVEL_VARIABLE), setting(FORMAT_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    /** As {@link #apply(LoggerContext, String, String, String)} in the text format. */
    static void apply(LoggerContext context, String command, String level) {
        apply(context, command, level, null);
    }

    /**
     * Sets up {@code context} for a daemon ({@code command} null) or the named command, with the root
     * level {@code level} as the XML's {@code ${EDEPOSIT_LOG_LEVEL:-INFO}} read it (a level name logback
     * does not know means DEBUG), or the default when it is null or blank, in the {@code format}
     * {@code json} or {@code text} (null or blank), whatever their case.
     */
    static void apply(LoggerContext context, String command, String level, String format) {
        // As the XML files' <statusListener class="NopStatusListener"/>: logback prints nothing of its own.
        context.getStatusManager().add(new NopStatusListener());
        boolean daemon = command == null || command.isBlank();

        String chosen = format == null || format.isBlank() ? "text" : format.strip().toLowerCase(Locale.ROOT);
        boolean json = chosen.equals("json");
        Encoder<ILoggingEvent> encoder = json ? jsonEncoder(context) : patternEncoder(context, daemon ? DAEMON_PATTERN
                : command + ": %level: %msg%n");
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(daemon ? "STDOUT" : "STDERR");
        appender.setTarget(daemon ? "System.out" : "System.err");
        appender.setEncoder(encoder);
        appender.start();

        context.getLogger("com.rabbitmq").setLevel(daemon ? Level.WARN : Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level unset = daemon ? Level.INFO : Level.WARN;
        root.setLevel(level == null || level.isBlank() ? unset : Level.toLevel(level.strip(), Level.DEBUG));
        root.addAppender(appender);
        if (!json && !chosen.equals("text")) {
            context.getLogger(LogConfigurator.class).warn("{}='{}' is neither text nor json: logging as text",
                    FORMAT_VARIABLE, format.strip());
        }
    }

    /** What logback's PatternLayoutEncoder does, with a layout that knows only the words used here. */
    static Encoder<ILoggingEvent> patternEncoder(LoggerContext context, String pattern) {
        PlainLayout layout = new PlainLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** One object a line with what a log system needs; without the context, arguments and sequence. */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false); // the pattern with {} placeholders; formattedMessage is the text
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}

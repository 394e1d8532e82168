package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

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
        String level = System.getProperty(LEVEL_VARIABLE);
        apply(context, command, level != null ? level : System.getenv(LEVEL_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Sets up {@code context} for a daemon ({@code command} null) or the named command, with the root
     * level {@code level} as the XML's {@code ${EDEPOSIT_LOG_LEVEL:-INFO}} read it (a level name logback
     * does not know means DEBUG), or the default when it is null or blank.
     */
    static void apply(LoggerContext context, String command, String level) {
        // As the XML files' <statusListener class="NopStatusListener"/>: logback prints nothing of its own.
        context.getStatusManager().add(new NopStatusListener());
        boolean daemon = command == null || command.isBlank();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(daemon ? DAEMON_PATTERN : command + ": %level: %msg%n");
        encoder.start();
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
    }
}

package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the broker's refusals (channel and connection closes) into what an operator reads: the reason and a hint. */
final class BrokerErrors {

    static final int ACCESS_REFUSED = 403;
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 406;

    private static final Pattern INEQUIVALENT = Pattern.compile("inequivalent arg '([^']+)'");
    private static final Pattern CURRENT_TYPE = Pattern.compile("current is (?:the value )?'(\\w+)'");

    private BrokerErrors() {
    }

    /** The close that caused {@code error}, whether it is the signal itself or wraps it. */
    static Optional<ShutdownSignalException> signal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    /** The AMQP reply code of the close behind {@code error}, or 0. */
    static int replyCode(Throwable error) {
        return signal(error).map(ShutdownSignalException::getReason).map(BrokerErrors::code).orElse(0);
    }

    /** The broker's reply text, e.g. {@code NOT_FOUND - no exchange 'ftp' in vhost 'ftp'}, or the exception's message. */
    static String reason(Throwable error) {
        Optional<String> text = signal(error).map(ShutdownSignalException::getReason).map(BrokerErrors::text);
        if (text.isPresent()) {
            return text.get();
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    /**
     * The failure of declaring {@code kind} {@code name} (an exchange, a queue, a binding) in {@code vhost}.
     *
     * @param what the declaration as printed, e.g. {@code queue 'daemon'}
     * @param queueType the type the tool asked for, to explain a queue type conflict
     */
    static ToolFailure declarationFailure(String kind, String name, String what, String vhost, QueueType queueType,
                                          String user, Exception error) {
        String reason = reason(error);
        String first = "Can't create " + what + " in vhost '" + vhost + "': " + reason;
        return ToolFailure.of(first, "Hint: " + hint(kind, name, vhost, queueType, user, replyCode(error), reason));
    }

    private static String hint(String kind, String name, String vhost, QueueType queueType, String user, int code,
                               String reason) {
        if (code == ACCESS_REFUSED) {
            return "user '" + user + "' lacks permissions in vhost '" + vhost + "': rabbitmqctl set_permissions -p "
                    + vhost + " " + user + " '.*' '.*' '.*'";
        }
        Matcher argument = INEQUIVALENT.matcher(reason);
        if (code != PRECONDITION_FAILED || !argument.find()) {
            return "the broker refused the declaration; see its log for details";
        }
        if (kind.equals("queue") && argument.group(1).equals("x-queue-type")) {
            Matcher current = CURRENT_TYPE.matcher(reason);
            String existing = current.find() ? current.group(1) : QueueType.classic.name();
            return "queue '" + name + "' already exists as a " + existing + " queue and --queue-type asks for "
                    + queueType + ": run --create with --queue-type " + existing + " to keep it, or move its messages"
                    + " away, delete it (rabbitmqctl delete_queue -p " + vhost + " " + name + ") and run --create again";
        }
        if (kind.equals("queue")) {
            return "queue '" + name + "' already exists with another '" + argument.group(1) + "' (for example"
                    + " declared by hand with arguments); the tool declares durable queues without arguments and sets"
                    + " dead-lettering by policy: keep it as it is, or delete it (rabbitmqctl delete_queue -p " + vhost
                    + " " + name + ", its messages are lost) and run --create again";
        }
        return kind + " '" + name + "' already exists with another '" + argument.group(1) + "'; the tool declares"
                + " durable topic exchanges: delete it (management UI, or rabbitmqadmin --vhost=" + vhost
                + " delete exchange name=" + name + ") and run --create again, or rename it in the settings";
    }

    private static int code(Method method) {
        if (method instanceof AMQP.Channel.Close close) {
            return close.getReplyCode();
        }
        return method instanceof AMQP.Connection.Close close ? close.getReplyCode() : 0;
    }

    private static String text(Method method) {
        if (method instanceof AMQP.Channel.Close close) {
            return close.getReplyText();
        }
        return method instanceof AMQP.Connection.Close close ? close.getReplyText() : method.protocolMethodName();
    }
}

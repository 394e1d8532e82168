package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.broker.BrokerRefusal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the broker's refusals (channel and connection closes) into what an operator reads: the reason and a hint. */
final class BrokerErrors {

    private static final Pattern INEQUIVALENT = Pattern.compile("inequivalent arg '([^']+)'");
    private static final Pattern CURRENT_TYPE = Pattern.compile("current is (?:the value )?'(\\w+)'");

    private BrokerErrors() {
    }

    /** The broker's reply text, e.g. {@code NOT_FOUND - no exchange 'ftp' in vhost 'ftp'}, or the exception's message. */
    static String reason(Throwable error) {
        Optional<String> text = BrokerRefusal.find(error).map(BrokerRefusal::text);
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
        BrokerRefusal refusal = BrokerRefusal.of(error);
        return ToolFailure.of(first, "Hint: " + hint(kind, name, vhost, queueType, user, refusal, reason));
    }

    private static String hint(String kind, String name, String vhost, QueueType queueType, String user,
                               BrokerRefusal refusal, String reason) {
        if (refusal.accessRefused()) {
            return "user '" + user + "' lacks permissions in vhost '" + vhost + "': rabbitmqctl set_permissions -p "
                    + vhost + " " + user + " '.*' '.*' '.*'";
        }
        Matcher argument = INEQUIVALENT.matcher(reason);
        if (!refusal.preconditionFailed() || !argument.find()) {
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
}

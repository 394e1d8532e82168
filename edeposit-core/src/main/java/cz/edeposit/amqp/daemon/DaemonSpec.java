package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.rpc.RpcOptions;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Everything that makes one daemon different from another: its names, its host, the request types
 * it accepts and how to build its handler.
 *
 * @param name        short daemon name, used for the PID and log files ({@code edeposit-<name>.pid})
 * @param command     the launcher name, e.g. {@code edeposit-downloaderd}
 * @param description one line for {@code --help}
 * @param host        the host whose settings it serves, e.g. {@code downloader}
 * @param requests    the decode allow-list: the request types and the types nested in them, asked for
 *                    when the daemon starts to serve (building it reads every message record by
 *                    reflection, which a {@code --help} or a {@code status} need not pay)
 * @param handlers    builds the handler once settings are loaded
 * @param mainClass   the class whose {@code main} runs this daemon (the background JVM starts it)
 * @param maxRequestBytes the largest request body it decodes; a larger one is answered with a
 *                    {@code ValueError} before decoding (sized to its messages, see docs/security.md)
 * @param producer    for a daemon that consumes nothing, builds what it runs instead of consuming; null for
 *                    a consuming daemon ({@link #producer})
 * @param work        the kind of work its handler does, which sets its default prefetch
 *                    ({@link #defaultPrefetch}); null for a daemon that consumes nothing
 */
public record DaemonSpec(String name, String command, String description, String host,
                         Supplier<TypeRegistry> requests, HandlerFactory handlers, Class<?> mainClass, long maxRequestBytes,
                         ProducerFactory producer, WorkKind work) {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    public DaemonSpec {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(host, "host");
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("daemon name must match " + SAFE_NAME + ", not " + name);
        }
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command must not be blank, not '" + command + "'");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, not " + maxRequestBytes);
        }
        if (producer == null) {
            Objects.requireNonNull(work, "work: a consuming daemon declares its kind of work");
        }
    }

    /**
     * A consuming daemon doing {@code work}, with the largest message the daemon's connection accepts,
     * {@link RpcOptions#BROKER_MAX_MESSAGE_BYTES}.
     */
    public DaemonSpec(String name, String command, String description, String host,
                      Supplier<TypeRegistry> requests, HandlerFactory handlers, Class<?> mainClass, WorkKind work) {
        this(name, command, description, host, requests, handlers, mainClass, RpcOptions.BROKER_MAX_MESSAGE_BYTES,
                null, work);
    }

    /** A daemon that consumes nothing: it decodes nothing and runs what {@code producer} builds. */
    public static DaemonSpec producer(String name, String command, String description, String host,
                                      ProducerFactory producer, Class<?> mainClass) {
        Objects.requireNonNull(producer, "producer");
        return new DaemonSpec(name, command, description, host, TypeRegistry::of, environment -> {
            throw new IllegalStateException(command + " consumes nothing: it has no handler");
        }, mainClass, RpcOptions.BROKER_MAX_MESSAGE_BYTES, producer, null);
    }

    /** This daemon with requests limited to {@code bytes}. */
    public DaemonSpec withMaxRequestBytes(long bytes) {
        return new DaemonSpec(name, command, description, host, requests, handlers, mainClass, bytes, producer, work);
    }

    /**
     * The {@code --prefetch} this daemon runs with unless told otherwise: from its {@link #work} and
     * its request size limit ({@link WorkKind#defaultPrefetch}); 1 for a daemon that consumes nothing.
     */
    public int defaultPrefetch() {
        return work == null ? RpcOptions.DEFAULT_PREFETCH : work.defaultPrefetch(maxRequestBytes);
    }
}
